using MaPLe.Imaging;
using SkiaSharp;

namespace MaPLe.ToyWorld;

/// <summary>Tiles images into one grid image and saves it as PNG: a quick look at what a world or dataset contains.</summary>
public static class ToyContactSheet
{
    /// <summary>Tiles <paramref name="images"/> (all the same size) row by row, <paramref name="columns"/> per row, on white.</summary>
    /// <exception cref="ArgumentException">No images, images of different sizes, or <paramref name="columns"/> &lt; 1.</exception>
    public static RgbImage Compose(IReadOnlyList<RgbImage> images, int columns, int padding = 2)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentOutOfRangeException.ThrowIfLessThan(columns, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(padding);
        if (images.Count == 0)
            throw new ArgumentException("No images to tile.", nameof(images));
        int w = images[0].Width, h = images[0].Height;
        if (images.Any(i => i.Width != w || i.Height != h))
            throw new ArgumentException($"All images must be {w}x{h} like the first.", nameof(images));
        columns = Math.Min(columns, images.Count);
        var rows = (images.Count + columns - 1) / columns;
        int sheetW = columns * (w + padding) + padding, sheetH = rows * (h + padding) + padding;
        var pixels = new byte[sheetW * sheetH * 3];
        Array.Fill(pixels, (byte)255);
        for (var k = 0; k < images.Count; k++)
        {
            int x0 = padding + k % columns * (w + padding), y0 = padding + k / columns * (h + padding);
            for (var y = 0; y < h; y++)
                images[k].Pixels.AsSpan(y * w * 3, w * 3).CopyTo(pixels.AsSpan(((y0 + y) * sheetW + x0) * 3));
        }

        return new RgbImage(sheetW, sheetH, pixels);
    }

    /// <summary>Writes <paramref name="image"/> to <paramref name="path"/> as PNG (atomically: temp file, then move).</summary>
    public static void SavePng(RgbImage image, string path)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        using var bitmap = new SKBitmap(new SKImageInfo(image.Width, image.Height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        var rgba = bitmap.GetPixelSpan();
        for (var y = 0; y < image.Height; y++)
        {
            var src = image.Pixels.AsSpan(y * image.Width * 3, image.Width * 3);
            var dst = rgba.Slice(y * bitmap.RowBytes, image.Width * 4);
            for (var x = 0; x < image.Width; x++)
            {
                src.Slice(x * 3, 3).CopyTo(dst.Slice(x * 4, 3));
                dst[x * 4 + 3] = 255;
            }
        }

        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100)
                         ?? throw new InvalidOperationException("SkiaSharp could not encode the PNG.");
        var full = Path.GetFullPath(path);
        var temp = full + ".tmp-" + Guid.NewGuid().ToString("N");
        try
        {
            using (var stream = File.Create(temp))
                data.SaveTo(stream);
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
                File.Delete(temp);
        }
    }
}
