using MaPLe.Experiments;
using ScottPlot;

namespace MaPLe.Samples.QuickStart;

/// <summary>Training curves and a confusion matrix as PNG files (ScottPlot).</summary>
public static class QuickStartPlots
{
    /// <summary>Writes the plots and returns their paths.</summary>
    public static IReadOnlyList<string> Write(IReadOnlyList<MethodRun> runs, string directory)
    {
        var paths = new List<string>();
        var trained = runs.Where(r => r.Training is not null && r.Training.History.Epochs.Count > 0).ToList();
        if (trained.Count > 0)
        {
            // Per epoch, not per step: the methods train with different batch sizes, so their steps are not comparable.
            var plot = new Plot();
            var palette = new ScottPlot.Palettes.Category10();
            plot.Axes.Right.IsVisible = true;
            for (int i = 0; i < trained.Count; i++)
            {
                var epochs = trained[i].Training!.History.Epochs;
                var xs = epochs.Select(e => (double)e.Epoch).ToArray();
                var color = palette.GetColor(i);
                var loss = plot.Add.ScatterLine(xs, epochs.Select(e => e.MeanLoss).ToArray(), color);
                loss.LegendText = $"{trained[i].Method}: loss";
                loss.MarkerSize = 5;
                var accuracy = plot.Add.ScatterLine(xs, epochs.Select(e => e.Accuracy).ToArray(), color);
                accuracy.LegendText = $"{trained[i].Method}: training accuracy";
                accuracy.LinePattern = LinePattern.Dashed;
                accuracy.MarkerSize = 5;
                accuracy.Axes.YAxis = plot.Axes.Right;
            }
            plot.Title("Training curves per epoch");
            plot.XLabel("epoch");
            plot.YLabel("mean cross-entropy loss (solid)");
            plot.Axes.Right.Label.Text = "training accuracy, % (dashed)";
            plot.ShowLegend(Edge.Right);   // outside the data area
            paths.Add(Save(plot, Path.Combine(directory, "training-curves.png"), 1100, 550));
        }

        var best = runs.LastOrDefault();
        if (best is not null)
        {
            var report = best.Result.Novel;
            var counts = report.Confusion.ToArray();
            int n = counts.GetLength(0);
            var values = new double[n, n];
            for (int t = 0; t < n; t++)
            {
                double row = Enumerable.Range(0, n).Sum(p => (double)counts[t, p]);
                for (int p = 0; p < n; p++) values[t, p] = row == 0 ? 0 : 100.0 * counts[t, p] / row;
            }
            var plot = new Plot();
            var heatmap = plot.Add.Heatmap(values);
            heatmap.Colormap = new ScottPlot.Colormaps.Viridis();
            plot.Add.ColorBar(heatmap);
            var ticks = report.ClassNames.Select((name, i) => new Tick(i, name)).ToArray();
            plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks);
            plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks.Select(t => new Tick(n - 1 - t.Position, t.Label)).ToArray());
            plot.Axes.Bottom.TickLabelStyle.Rotation = 45;
            plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleLeft;
            plot.Axes.Bottom.MinimumSize = 120;   // room for the rotated class names
            for (int t = 0; t < n; t++)
                for (int p = 0; p < n; p++)
                {
                    // Cell (truth t, prediction p) is drawn at x = p, y = n - 1 - t (row 0 on top).
                    var label = plot.Add.Text(values[t, p].ToString("F0", System.Globalization.CultureInfo.InvariantCulture), p, n - 1 - t);
                    label.LabelAlignment = Alignment.MiddleCenter;
                    label.LabelFontSize = n > 12 ? 9 : 12;
                    label.LabelFontColor = values[t, p] > 60 ? Colors.Black : Colors.White;   // Viridis is light at the top
                }
            plot.XLabel("predicted class");
            plot.YLabel("true class");
            plot.Title($"{best.Method} on novel classes: confusion matrix (% of each true class)");
            paths.Add(Save(plot, Path.Combine(directory, $"confusion-{best.Method}-novel.png"), 900, 800));
        }
        return paths;
    }

    private static string Save(Plot plot, string path, int width = 900, int height = 550)
    {
        string tmp = path + ".tmp.png";
        plot.SavePng(tmp, width, height);
        File.Move(tmp, path, overwrite: true);
        return path;
    }
}
