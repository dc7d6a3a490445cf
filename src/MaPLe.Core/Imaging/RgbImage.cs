namespace MaPLe.Imaging;

/// <summary>
/// An 8-bit RGB image in row-major, interleaved HWC order: what PIL's <c>Image.convert("RGB")</c> yields and what every
/// CLIP transform in this library starts from.
/// </summary>
public sealed class RgbImage
{
    /// <summary>Wraps existing pixels (length must be width × height × 3).</summary>
    public RgbImage(int width, int height, byte[] pixels)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentNullException.ThrowIfNull(pixels);
        if (pixels.Length != checked(width * height * 3))
            throw new ArgumentException($"Expected {width * height * 3} bytes for a {width}x{height} RGB image, got {pixels.Length}.", nameof(pixels));
        Width = width;
        Height = height;
        Pixels = pixels;
    }

    /// <summary>Width in pixels.</summary>
    public int Width { get; }

    /// <summary>Height in pixels.</summary>
    public int Height { get; }

    /// <summary>Pixels, HWC interleaved R,G,B.</summary>
    public byte[] Pixels { get; }
}
