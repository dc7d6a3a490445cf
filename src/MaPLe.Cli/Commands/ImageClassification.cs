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

    /// <summary>
    /// Decodes (within <paramref name="decoder"/>'s pixel budget), transforms (CLIP test pipeline), classifies in
    /// batches of 32 (a progress bar on a terminal) and prints a table. An image named on the command line that cannot
    /// be decoded fails the command; one found in a folder is skipped with a warning.
    /// </summary>
    public static int Classify(CliContext context, PromptTuner tuner, IReadOnlyList<ImageInput> images, int topK, IImageDecoder decoder)
    {
        if (topK < 1) throw new ArgumentException("--top-k must be at least 1.");
        int k = Math.Min(topK, tuner.ClassNames.Count);
        var rows = TerminalProgress.Run(context, "classifying", report => Score(context, tuner, images, k, decoder, report));
        if (rows.Count == 0)
            throw new InvalidDataException($"None of the {images.Count} images found could be decoded (see the warnings above).");
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

    private static List<(string Image, (string Class, double P)[] Top)> Score(CliContext context, PromptTuner tuner, IReadOnlyList<ImageInput> images, int k,
        IImageDecoder decoder, Action<double, double, string?> report)
    {
        var transform = new ClipTestTransform(tuner.Backbone.Config.Vision.ImageSize);
        var rows = new List<(string Image, (string Class, double P)[] Top)>();
        int done = 0;
        foreach (var chunk in images.Chunk(BatchSize))
        {
            using var scope = NewDisposeScope();
            var decoded = new List<(string Path, Tensor Pixels)>();
            foreach (var image in chunk)
            {
                try
                {
                    decoded.Add((image.Path, transform.Apply(decoder.Decode(image.Path))));
                }
                catch (ImageDecodeException e) when (!image.Named)
                {
                    context.Error.WriteLine($"warning: skipped: {e.Message}");
                }
            }
            done += chunk.Length;
            if (decoded.Count > 0)
            {
                var probs = tuner.Probabilities(stack(decoded.Select(d => d.Pixels).ToArray())).cpu();
                var (values, indices) = probs.topk(k, dim: -1);
                for (int i = 0; i < decoded.Count; i++)
                {
                    var top = Enumerable.Range(0, k)
                        .Select(j => (tuner.ClassNames[(int)indices[i, j].item<long>()], (double)values[i, j].item<float>()))
                        .ToArray();
                    rows.Add((decoded[i].Path, top));
                }
            }
            report(done, images.Count, $"classifying: {done}/{images.Count} images");
        }
        return rows;
    }
}
