using MaPLe.Imaging;
using TorchSharp;
using static TorchSharp.torch;

namespace MaPLe.Tuning;

public sealed partial class PromptTuner
{
    private const int FileBatchSize = 32;

    /// <summary>
    /// Class probabilities <c>[B, C]</c> for image files (JPEG, PNG, BMP, GIF, WebP), preprocessed with CLIP's test
    /// pipeline at the backbone's resolution and classified in batches of 32. The caller disposes the result.
    /// </summary>
    /// <exception cref="ArgumentException">No file given.</exception>
    /// <exception cref="FileNotFoundException">A file is missing.</exception>
    /// <exception cref="ImageDecodeException">A file is not a readable image (the message names it).</exception>
    public Tensor Probabilities(IEnumerable<string> imageFiles)
    {
        ThrowIfDisposed();
        ArgumentNullException.ThrowIfNull(imageFiles);
        var files = imageFiles.ToList();
        if (files.Count == 0) throw new ArgumentException("Give at least one image file.", nameof(imageFiles));
        var transform = new ClipTestTransform(Backbone.Config.Vision.ImageSize);
        using var scope = NewDisposeScope();
        var parts = new List<Tensor>();
        foreach (var chunk in files.Chunk(FileBatchSize))
        {
            var batch = stack(chunk.Select(f => transform.Apply(SkiaImageDecoder.Load(f))).ToArray()).to(Backbone.Device);
            parts.Add(Probabilities(batch).cpu());
        }
        return cat(parts, 0).MoveToOuterDisposeScope();
    }
}
