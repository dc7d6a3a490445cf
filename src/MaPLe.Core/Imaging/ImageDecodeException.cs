namespace MaPLe.Imaging;

/// <summary>Thrown when an image cannot be decoded; names the file and the reason.</summary>
public class ImageDecodeException : IOException
{
    /// <summary>Creates the exception for <paramref name="path"/>.</summary>
    public ImageDecodeException(string path, string reason, Exception? inner = null)
        : base($"Cannot decode image '{path}': {reason}", inner)
    {
        FilePath = path;
        Reason = reason;
    }

    /// <summary>The image file.</summary>
    public string FilePath { get; }

    /// <summary>Why it could not be decoded.</summary>
    public string Reason { get; }
}

