namespace MaPLe.Imaging;

/// <summary>A rectangle of pixels inside an image: the crop box torchvision passes to PIL's <c>Image.crop</c>.</summary>
/// <param name="Left">First column (inclusive).</param>
/// <param name="Top">First row (inclusive).</param>
/// <param name="Width">Number of columns (positive).</param>
/// <param name="Height">Number of rows (positive).</param>
public readonly record struct PixelRegion(int Left, int Top, int Width, int Height)
{
    /// <summary>The whole of an image of the given size.</summary>
    public static PixelRegion Whole(int width, int height) => new(0, 0, width, height);

    /// <summary>Whether the region is non-empty and lies entirely inside a <paramref name="width"/> × <paramref name="height"/> image.</summary>
    public bool FitsIn(int width, int height) =>
        Width > 0 && Height > 0 && Left >= 0 && Top >= 0 && Left <= width - Width && Top <= height - Height;
}
