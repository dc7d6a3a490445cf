using System.Globalization;
using MaPLe.Data;
using MaPLe.Training;
using MaPLe.Tuning;
using Spectre.Console;
using static TorchSharp.torch;

namespace MaPLe.Cli.Commands;

/// <summary>Classifies image files with a tuner and prints the top-k classes per image.</summary>
public static class ImageClassification
{
    /// <summary>Images per batch (<c>--shard</c> splits inputs into whole batches of this size).</summary>
    public const int BatchSize = 32;

    /// <summary>
    /// Reads the images through the library's loader with the tuner's test preprocessing (decoding on worker threads),
    /// classifies them in batches of <see cref="BatchSize"/> (a progress bar on a terminal) and prints a table.
    /// </summary>
    public static int Classify(CliContext context, PromptTuner tuner, IReadOnlyList<string> images, int topK)
    {
        Print(context, Predict(context, tuner, images, topK));
        return ExitCodes.Ok;
    }

    /// <summary>The top-k classes and probabilities of each image, in batches of <see cref="BatchSize"/> in the given order (a progress bar on a terminal).</summary>
    public static IReadOnlyList<(string Image, (string Class, double P)[] Top)> Predict(CliContext context, PromptTuner tuner, IReadOnlyList<string> images, int topK)
    {
        if (topK < 1) throw new ArgumentException("--top-k must be at least 1.");
        int k = Math.Min(topK, tuner.ClassNames.Count);
        return TerminalProgress.Run(context, "classifying", report => Score(tuner, images, k, report));
    }

    /// <summary>Prints predictions: a table on a terminal, one tab-separated line per image otherwise.</summary>
    public static void Print(CliContext context, IReadOnlyList<(string Image, (string Class, double P)[] Top)> rows)
    {
        int k = rows.Count == 0 ? 0 : rows[0].Top.Length;
        if (context.Interactive)
        {
            var table = new Table().AddColumn("image");
            for (int j = 0; j < k; j++) table.AddColumn($"#{j + 1}");
            foreach (var (image, top) in rows)
                table.AddRow([Markup.Escape(Path.GetFileName(image)), .. top.Select(t => Markup.Escape($"{t.Class} {t.P:P1}"))]);
            AnsiConsole.Write(table);
        }
        else
        {
            foreach (var (image, top) in rows)
                context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{image}\t{string.Join("\t", top.Select(t => $"{t.Class} {100 * t.P:F1}%"))}"));
        }
    }

    private static List<(string Image, (string Class, double P)[] Top)> Score(PromptTuner tuner, IReadOnlyList<string> images, int k,
        Action<double, double, string?> report)
    {
        var rows = new List<(string Image, (string Class, double P)[] Top)>();
        // Unlabelled images: the label is a placeholder the loader carries and nobody reads.
        var items = images.Select(p => new ImageItem(p, 0, "")).ToList();
        foreach (var batch in BatchSource.ForEvaluation(items, tuner.Preprocessing.Test, BatchSize).ReadEpoch(0))
        {
            using (batch)
            using (var scope = NewDisposeScope())
            {
                var probs = tuner.Probabilities(batch.Images).cpu();
                var (values, indices) = probs.topk(k, dim: -1);
                for (int i = 0; i < batch.Count; i++)
                {
                    var top = Enumerable.Range(0, k)
                        .Select(j => (tuner.ClassNames[(int)indices[i, j].item<long>()], (double)values[i, j].item<float>()))
                        .ToArray();
                    rows.Add((batch.Items![i].Path, top));
                }
            }
            report(rows.Count, images.Count, $"classifying: {rows.Count}/{images.Count} images");
        }
        return rows;
    }
}
