using System.Globalization;
using MaPLe.Data;
using MaPLe.Data.Loading;
using MaPLe.Imaging;
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
    /// Classifies <paramref name="images"/> (see <see cref="Predict"/>) and prints a table.
    /// </summary>
    /// <exception cref="InvalidDataException">None of the images could be decoded.</exception>
    public static int Classify(CliContext context, PromptTuner tuner, IReadOnlyList<ImageInput> images, IImageDecoder decoder, int topK)
    {
        var rows = Predict(context, tuner, images, decoder, topK);
        RequireAny(rows, images.Count);
        Print(context, rows);
        return ExitCodes.Ok;
    }

    /// <summary>
    /// The top-k classes and probabilities of each image, in the given order: read through the library's loader with the
    /// tuner's test preprocessing (decoding on worker threads, within <paramref name="decoder"/>'s pixel budget),
    /// classified in batches of <see cref="BatchSize"/> (a progress bar on a terminal). An image named on the command
    /// line that cannot be decoded fails the command; one found in a folder is left out with a warning.
    /// </summary>
    /// <returns>One row per classified image; <c>Position</c> is its index in <paramref name="images"/>.</returns>
    /// <exception cref="ImageDecodeException">An image named on the command line cannot be decoded.</exception>
    public static IReadOnlyList<ImagePrediction> Predict(CliContext context, PromptTuner tuner, IReadOnlyList<ImageInput> images,
        IImageDecoder decoder, int topK)
    {
        if (topK < 1) throw new ArgumentException("--top-k must be at least 1.");
        int k = Math.Min(topK, tuner.ClassNames.Count);
        return TerminalProgress.Run(context, "classifying", report => Score(context, tuner, images, decoder, k, report));
    }

    /// <summary>Throws when images were given but none of them could be classified (all skipped).</summary>
    /// <exception cref="InvalidDataException">No row for <paramref name="imageCount"/> &gt; 0 images.</exception>
    public static void RequireAny(IReadOnlyList<ImagePrediction> rows, int imageCount)
    {
        if (rows.Count == 0 && imageCount > 0)
            throw new InvalidDataException($"None of the {imageCount} images found could be decoded (see the warnings above).");
    }

    /// <summary>Prints predictions: a table on a terminal, one tab-separated line per image otherwise.</summary>
    public static void Print(CliContext context, IReadOnlyList<ImagePrediction> rows)
    {
        int k = rows.Count == 0 ? 0 : rows[0].Top.Count;
        if (context.Interactive)
        {
            var table = new Table().AddColumn("image");
            for (int j = 0; j < k; j++) table.AddColumn($"#{j + 1}");
            foreach (var row in rows)
                table.AddRow([Markup.Escape(Path.GetFileName(row.Image)), .. row.Top.Select(t => Markup.Escape($"{t.Class} {t.P:P1}"))]);
            AnsiConsole.Write(table);
        }
        else
        {
            foreach (var row in rows)
                context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{row.Image}\t{string.Join("\t", row.Top.Select(t => $"{t.Class} {100 * t.P:F1}%"))}"));
        }
    }

    private static List<ImagePrediction> Score(CliContext context, PromptTuner tuner, IReadOnlyList<ImageInput> images, IImageDecoder decoder,
        int k, Action<double, double, string?> report)
    {
        var rows = new List<ImagePrediction>();
        // Unlabelled images: the label is a placeholder the loader carries and nobody reads.
        var items = images.Select(i => new ImageItem(i.Path, 0, "")).ToList();
        var options = ImageBatchLoaderOptions.ForEvaluation(BatchSize) with { BrokenImages = BrokenImagePolicy.Skip };
        var loader = new ImageBatchLoader(items, decoder, tuner.Preprocessing.Test, options);
        int skipped = 0;
        // Raised on this thread before the batch is yielded: throwing here ends the enumeration (and stops the workers).
        loader.ImageSkipped += (_, s) =>
        {
            if (images[s.Index].Named) throw new ImageDecodeException(s.Item.Path, s.Reason);
            context.Error.WriteLine($"warning: skipped: {new ImageDecodeException(s.Item.Path, s.Reason).Message}");
            skipped++;
        };
        foreach (var batch in loader.ReadEpoch(0))
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
                    rows.Add(new ImagePrediction(batch.Indices![i], batch.Items![i].Path, top));
                }
            }
            int done = rows.Count + skipped;
            report(done, images.Count, $"classifying: {done}/{images.Count} images");
        }
        return rows;
    }
}

/// <summary>The top classes of one image.</summary>
/// <param name="Position">The image's index in the list that was classified.</param>
/// <param name="Image">The image file.</param>
/// <param name="Top">Classes and probabilities, most likely first.</param>
public sealed record ImagePrediction(int Position, string Image, IReadOnlyList<(string Class, double P)> Top);
