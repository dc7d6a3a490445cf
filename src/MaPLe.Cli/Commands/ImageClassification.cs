using System.Globalization;
using MaPLe.Imaging;
using MaPLe.Tuning;
using Spectre.Console;
using static TorchSharp.torch;

namespace MaPLe.Cli.Commands;

/// <summary>Classifies image files with a tuner and prints the top-k classes per image.</summary>
public static class ImageClassification
{
    private const int BatchSize = 32;

    /// <summary>Decodes, transforms (CLIP test pipeline), classifies in batches of 32 (a progress bar on a terminal) and prints a table.</summary>
    public static int Classify(CliContext context, PromptTuner tuner, IReadOnlyList<string> images, int topK)
    {
        if (topK < 1) throw new ArgumentException("--top-k must be at least 1.");
        int k = Math.Min(topK, tuner.ClassNames.Count);
        var rows = TerminalProgress.Run(context, "classifying", report => Score(tuner, images, k, report));
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
        return ExitCodes.Ok;
    }

    private static List<(string Image, (string Class, double P)[] Top)> Score(PromptTuner tuner, IReadOnlyList<string> images, int k,
        Action<double, double, string?> report)
    {
        var transform = new ClipTestTransform(tuner.Backbone.Config.Vision.ImageSize);
        var rows = new List<(string Image, (string Class, double P)[] Top)>();
        foreach (var chunk in images.Chunk(BatchSize))
        {
            using var scope = NewDisposeScope();
            var batch = stack(chunk.Select(p => transform.Apply(SkiaImageDecoder.Load(p))).ToArray());
            var probs = tuner.Probabilities(batch).cpu();
            var (values, indices) = probs.topk(k, dim: -1);
            for (int i = 0; i < chunk.Length; i++)
            {
                var top = Enumerable.Range(0, k)
                    .Select(j => (tuner.ClassNames[(int)indices[i, j].item<long>()], (double)values[i, j].item<float>()))
                    .ToArray();
                rows.Add((chunk[i], top));
            }
            report(rows.Count, images.Count, $"classifying: {rows.Count}/{images.Count} images");
        }
        return rows;
    }
}
