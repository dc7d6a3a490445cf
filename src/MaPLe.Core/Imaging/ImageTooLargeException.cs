namespace MaPLe.Imaging;

/// <summary>
/// Thrown when an image's header declares more pixels than the decoder's budget
/// (<see cref="SkiaImageDecoder.MaxPixels"/>); nothing was decoded.
/// </summary>
public sealed class ImageTooLargeException : ImageDecodeException
{
    /// <summary>Creates the exception for <paramref name="path"/>.</summary>
    public ImageTooLargeException(string path, int width, int height, long maxPixels)
        : base(path, string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"its header declares {width}x{height} = {(long)width * height / 1e6:0.#} megapixels, over the budget of {maxPixels / 1e6:0.#} megapixels (raise it with SkiaImageDecoder.MaxPixels, or maple's --max-megapixels)"))
    {
        Width = width;
        Height = height;
        MaxPixels = maxPixels;
    }

    /// <summary>The width the header declares.</summary>
    public int Width { get; }

    /// <summary>The height the header declares.</summary>
    public int Height { get; }

    /// <summary>The budget it exceeds.</summary>
    public long MaxPixels { get; }
}
