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
        var trained = runs.Where(r => r.Training is not null && r.Training.History.Steps.Count > 0).ToList();
        if (trained.Count > 0)
        {
            var plot = new Plot();
            foreach (var run in trained)
            {
                var steps = run.Training!.History.Steps;
                var xs = steps.Select(s => (double)s.GlobalStep).ToArray();
                var ys = Smooth(steps.Select(s => s.Loss).ToArray(), 10);
                var line = plot.Add.ScatterLine(xs, ys);
                line.LegendText = run.Method;
            }
            plot.Title("Training loss (moving average of 10 steps)");
            plot.XLabel("step");
            plot.YLabel("cross-entropy");
            plot.ShowLegend();
            paths.Add(Save(plot, Path.Combine(directory, "training-curves.png")));
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
            plot.Title($"{best.Method} on novel classes: confusion matrix (% of each true class, rows = truth)");
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

    private static double[] Smooth(double[] values, int window)
    {
        var result = new double[values.Length];
        double sum = 0;
        for (int i = 0; i < values.Length; i++)
        {
            sum += values[i];
            if (i >= window) sum -= values[i - window];
            result[i] = sum / Math.Min(i + 1, window);
        }
        return result;
    }
}
