using MaPLe.Imaging;

namespace MaPLe.Data;

/// <summary>One labelled image of a dataset.</summary>
/// <param name="Path">The image file (or, for generated images, a descriptive identifier).</param>
/// <param name="Label">Class index into the dataset's <see cref="IImageDataset.ClassNames"/>.</param>
/// <param name="ClassName">The class name as used in prompts.</param>
public sealed record ImageItem(string Path, int Label, string ClassName)
{
    /// <summary>For images that are not files (generated ones): produces the pixels. When null, <see cref="Path"/> is decoded.</summary>
    public Func<RgbImage>? Source { get; init; }
}
