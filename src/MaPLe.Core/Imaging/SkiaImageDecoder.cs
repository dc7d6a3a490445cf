using System.Buffers;
using System.Runtime.Intrinsics;
using SkiaSharp;

namespace MaPLe.Imaging;

/// <summary>
/// Decodes JPEG, PNG, WebP, GIF (first frame) and BMP files with SkiaSharp into 8-bit RGB, matching PIL's
/// <c>Image.open(path).convert("RGB")</c>: greyscale is replicated, palettes are expanded, alpha is dropped (never
/// blended: pixels are decoded unpremultiplied), no colour management and no EXIF rotation. A file that is missing,
/// empty, truncated, zero-sized, over the pixel budget (<see cref="MaxPixels"/>), not a regular file or not an image throws <see cref="ImageDecodeException"/> naming it; nothing is ever
/// silently replaced by a blank image. Thread-safe.
/// </summary>
/// <remarks>
/// Known differences from PIL, all in rare files: a 16-bit greyscale PNG keeps each value's high byte (PIL opens it in
/// mode "I" and clips every value to 255, turning most of the image white); a GIF's transparent palette index comes out
/// black (PIL yields that entry's palette colour). 16-bit RGB(A) and grey+alpha PNGs match PIL (high byte), and so do
/// Adobe CMYK JPEGs (PIL's <c>(255 - K)·(255 - C)/255</c> rounding equals Skia's).
/// </remarks>
public sealed class SkiaImageDecoder : IImageDecoder
{
    /// <summary>The default pixel budget: 50 megapixels (a 7071×7071 image; decoding takes about 200 MB).</summary>
    public const long DefaultMaxPixels = 50_000_000;

    private readonly long _maxPixels = DefaultMaxPixels;

    /// <summary>A shared instance with the default pixel budget (the decoder is stateless).</summary>
    public static SkiaImageDecoder Default { get; } = new();

    /// <summary>
    /// The most pixels (width × height, as the file's header declares them) an image may have; a larger one is refused
    /// with <see cref="ImageTooLargeException"/> before any pixel is decoded, so a tiny file declaring a huge canvas
    /// cannot exhaust memory. Default <see cref="DefaultMaxPixels"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Not positive.</exception>
    public long MaxPixels
    {
        get => _maxPixels;
        init => _maxPixels = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(MaxPixels), value, "The pixel budget must be positive.");
    }

    /// <summary>Decodes a file with <see cref="Default"/>.</summary>
    /// <exception cref="ImageDecodeException">The file cannot be read or decoded.</exception>
    public static RgbImage Load(string path) => Default.Decode(path);

    /// <inheritdoc />
    public RgbImage Decode(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        // Checked before opening: opening a FIFO blocks until a writer appears, a device never ends.
        if (MaPLe.IO.InputFiles.Problem(path) is { } problem)
            throw new ImageDecodeException(path, problem);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ImageDecodeException(path, "the file does not exist", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ImageDecodeException(path, "the file cannot be read: " + e.Message, e);
        }
        return Decode(bytes, path);
    }

    /// <summary>Decodes an encoded image held in memory.</summary>
    /// <param name="encoded">The file's bytes.</param>
    /// <param name="sourceName">What to call the image in error messages (e.g. its path or URL).</param>
    /// <exception cref="ImageDecodeException">The bytes are empty, truncated or not a supported image.</exception>
    public RgbImage Decode(ReadOnlySpan<byte> encoded, string sourceName = "<memory>")
    {
        if (encoded.IsEmpty)
            throw new ImageDecodeException(sourceName, "the file is empty (0 bytes)");
        using var data = SKData.CreateCopy(encoded);
        using var codec = SKCodec.Create(data);
        if (codec is null)
            throw new ImageDecodeException(sourceName, $"not a recognised image (JPEG, PNG, WebP, GIF or BMP) of {encoded.Length} bytes");
        return DecodeWith(codec, sourceName);
    }

    /// <summary>Decodes an encoded image read to the end of <paramref name="stream"/>.</summary>
    /// <exception cref="ImageDecodeException">The stream is empty, truncated or not a supported image.</exception>
    public RgbImage Decode(Stream stream, string sourceName = "<stream>")
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var buffer = new MemoryStream();
        try
        {
            stream.CopyTo(buffer);
        }
        catch (IOException e)
        {
            throw new ImageDecodeException(sourceName, "the stream cannot be read: " + e.Message, e);
        }
        return Decode(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), sourceName);
    }

    private unsafe RgbImage DecodeWith(SKCodec codec, string sourceName)
    {
        var info = codec.Info;
        if (info.Width <= 0 || info.Height <= 0)
            throw new ImageDecodeException(sourceName, $"the image is zero-sized ({info.Width}x{info.Height})");
        if ((long)info.Width * info.Height > MaxPixels)
            throw new ImageTooLargeException(sourceName, info.Width, info.Height, MaxPixels);

        // Unpremultiplied RGBA keeps the colour of transparent pixels as stored (PIL drops alpha without blending);
        // no colour space on the target means Skia applies no ICC transform, as PIL does not.
        var target = new SKImageInfo(info.Width, info.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        int pixelCount = checked(info.Width * info.Height);
        var rgba = ArrayPool<byte>.Shared.Rent(checked(pixelCount * 4));
        try
        {
            SKCodecResult result;
            fixed (byte* p = rgba)
                result = codec.GetPixels(target, (IntPtr)p, target.RowBytes, new SKCodecOptions(0));
            if (result != SKCodecResult.Success)
                throw new ImageDecodeException(sourceName, Describe(result, codec.EncodedFormat));
            // Every byte is written below, so skip zeroing this (large-object-heap sized) array.
            var rgb = GC.AllocateUninitializedArray<byte>(pixelCount * 3);
            DropAlpha(rgba.AsSpan(0, pixelCount * 4), rgb);
            return new RgbImage(info.Width, info.Height, rgb);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rgba);
        }
    }

    private static string Describe(SKCodecResult result, SKEncodedImageFormat format) => result switch
    {
        SKCodecResult.IncompleteInput => $"the {format} data is truncated (incomplete input)",
        SKCodecResult.ErrorInInput => $"the {format} data is corrupt",
        SKCodecResult.InvalidInput => $"the {format} data is invalid",
        SKCodecResult.Unimplemented => $"this kind of {format} image is not supported",
        _ => $"decoding the {format} data failed ({result})",
    };

    private static void DropAlpha(ReadOnlySpan<byte> rgba, Span<byte> rgb)
    {
        int i = 0, j = 0;
        if (Vector128.IsHardwareAccelerated)
        {
            // 4 RGBA pixels -> 12 RGB bytes per step; the 16-byte store's last 4 bytes are rewritten by the next step,
            // so stop while 16 bytes still fit.
            var keepRgb = Vector128.Create((byte)0, 1, 2, 4, 5, 6, 8, 9, 10, 12, 13, 14, 0, 0, 0, 0);
            for (; j + 16 <= rgb.Length; i += 16, j += 12)
                Vector128.Shuffle(Vector128.Create(rgba.Slice(i, 16)), keepRgb).CopyTo(rgb.Slice(j, 16));
        }
        for (; j < rgb.Length; i += 4, j += 3)
        {
            rgb[j] = rgba[i];
            rgb[j + 1] = rgba[i + 1];
            rgb[j + 2] = rgba[i + 2];
        }
    }
}
