namespace MaPLe.Imaging;

/// <summary>Decodes an image file to RGB exactly as PIL's <c>Image.open(path).convert("RGB")</c> does.</summary>
public interface IImageDecoder
{
    /// <summary>Decodes <paramref name="path"/>.</summary>
    /// <exception cref="ImageDecodeException">The file is missing, empty, truncated or not an image.</exception>
    RgbImage Decode(string path);
}
