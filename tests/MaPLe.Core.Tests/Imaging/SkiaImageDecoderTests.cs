using MaPLe.Imaging;
using SkiaSharp;

namespace MaPLe.Tests.Imaging;

public sealed class SkiaImageDecoderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("maple-img-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static byte[] Pixel(RgbImage image, int x, int y) => image.Pixels.AsSpan((y * image.Width + x) * 3, 3).ToArray();

    [Fact]
    public void Png_rgb_keeps_channel_order_and_layout()
    {
        byte[][] rows = [[255, 0, 0, 0, 255, 0, 0, 0, 255], [10, 20, 30, 40, 50, 60, 70, 80, 90]];
        var image = SkiaImageDecoder.Load(Write("rgb.png", HandMadeImages.Png(3, 2, HandMadeImages.Rgb, rows)));
        Assert.Equal((3, 2), (image.Width, image.Height));
        Assert.Equal([255, 0, 0, 0, 255, 0, 0, 0, 255, 10, 20, 30, 40, 50, 60, 70, 80, 90], image.Pixels);
    }

    [Fact]
    public void Bmp_stored_as_bgr_bottom_up_decodes_to_rgb_top_down()
    {
        byte[] rgb = [255, 0, 0, 0, 255, 0, 0, 0, 255, 1, 2, 3, 200, 100, 50, 9, 8, 7];
        var image = SkiaImageDecoder.Load(Write("x.bmp", HandMadeImages.Bmp24(3, 2, rgb)));
        Assert.Equal((3, 2), (image.Width, image.Height));
        Assert.Equal(rgb, image.Pixels);
    }

    [Fact]
    public void Alpha_is_dropped_not_blended()
    {
        // A fully transparent red pixel stays red (PIL's convert("RGB") drops alpha); a half-transparent one keeps its colour.
        byte[][] rows = [[255, 0, 0, 0, 10, 200, 30, 128, 0, 0, 0, 0]];
        var image = SkiaImageDecoder.Load(Write("rgba.png", HandMadeImages.Png(3, 1, HandMadeImages.Rgba, rows)));
        Assert.Equal([255, 0, 0, 10, 200, 30, 0, 0, 0], image.Pixels);
    }

    [Fact]
    public void Greyscale_is_replicated_into_three_channels()
    {
        byte[][] rows = [[0, 77, 255]];
        var image = SkiaImageDecoder.Load(Write("grey.png", HandMadeImages.Png(3, 1, HandMadeImages.Grey, rows)));
        Assert.Equal([0, 0, 0, 77, 77, 77, 255, 255, 255], image.Pixels);
    }

    [Fact]
    public void Grey_with_alpha_keeps_the_grey_value()
    {
        byte[][] rows = [[90, 0, 160, 255]];
        var image = SkiaImageDecoder.Load(Write("la.png", HandMadeImages.Png(2, 1, HandMadeImages.GreyAlpha, rows)));
        Assert.Equal([90, 90, 90, 160, 160, 160], image.Pixels);
    }

    [Fact]
    public void Palette_is_expanded_and_its_transparency_dropped()
    {
        byte[] palette = [12, 34, 56, 200, 10, 20];
        byte[] alpha = [0, 255]; // entry 0 fully transparent: PIL still yields its RGB
        byte[][] rows = [[0, 1, 1]];
        var image = SkiaImageDecoder.Load(Write("p.png", HandMadeImages.Png(3, 1, HandMadeImages.Palette, rows, palette, alpha)));
        Assert.Equal([12, 34, 56, 200, 10, 20, 200, 10, 20], image.Pixels);
    }

    [Fact]
    public void Gif_yields_its_first_frame()
    {
        var image = SkiaImageDecoder.Load(Write("anim.gif", HandMadeImages.TwoFrameGifRedThenBlack()));
        Assert.Equal([255, 0, 0], image.Pixels);
    }

    [Fact]
    public void Lossless_webp_round_trips_exactly_and_drops_alpha()
    {
        var info = new SKImageInfo(2, 2, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        using var bitmap = new SKBitmap(info);
        bitmap.SetPixel(0, 0, new SKColor(255, 0, 0, 255));
        bitmap.SetPixel(1, 0, new SKColor(0, 255, 0, 255));
        bitmap.SetPixel(0, 1, new SKColor(0, 0, 255, 255));
        bitmap.SetPixel(1, 1, new SKColor(123, 45, 67, 255));
        using var data = bitmap.Encode(SKEncodedImageFormat.Webp, 100);
        var image = SkiaImageDecoder.Default.Decode(data.ToArray(), "in-memory.webp");
        Assert.Equal([255, 0, 0, 0, 255, 0, 0, 0, 255, 123, 45, 67], image.Pixels);
    }

    [Fact]
    public void Jpeg_of_a_flat_colour_decodes_close_to_it_in_rgb_order()
    {
        var info = new SKImageInfo(16, 16, SKColorType.Rgba8888, SKAlphaType.Opaque);
        using var bitmap = new SKBitmap(info);
        bitmap.Erase(new SKColor(200, 40, 90));
        using var data = bitmap.Encode(SKEncodedImageFormat.Jpeg, 100);
        using var stream = new MemoryStream(data.ToArray());
        var image = SkiaImageDecoder.Default.Decode(stream, "flat.jpg");
        var p = Pixel(image, 8, 8);
        Assert.InRange(p[0], 197, 203);
        Assert.InRange(p[1], 37, 43);
        Assert.InRange(p[2], 87, 93);
    }

    [Fact]
    public void Missing_file_throws_naming_it()
    {
        var path = Path.Combine(_dir, "nope.jpg");
        var e = Assert.Throws<ImageDecodeException>(() => SkiaImageDecoder.Load(path));
        Assert.Equal(path, e.FilePath);
        Assert.Contains(path, e.Message);
    }

    [Fact]
    public void Empty_file_throws_naming_it()
    {
        var path = Write("empty.png", []);
        var e = Assert.Throws<ImageDecodeException>(() => SkiaImageDecoder.Load(path));
        Assert.Equal(path, e.FilePath);
        Assert.Contains("empty", e.Reason);
    }

    [Fact]
    public void Non_image_file_throws_naming_it()
    {
        var path = Write("notes.jpg", "this is not an image, just text"u8.ToArray());
        var e = Assert.Throws<ImageDecodeException>(() => SkiaImageDecoder.Load(path));
        Assert.Contains(path, e.Message);
    }

    [Theory]
    [InlineData(SKEncodedImageFormat.Jpeg)]
    [InlineData(SKEncodedImageFormat.Png)]
    [InlineData(SKEncodedImageFormat.Webp)]
    public void Truncated_file_throws_instead_of_returning_partial_pixels(SKEncodedImageFormat format)
    {
        var bytes = NoiseImage(64, 48, format);
        var path = Write("cut." + format, bytes[..(bytes.Length / 2)]);
        var e = Assert.Throws<ImageDecodeException>(() => SkiaImageDecoder.Load(path));
        Assert.Equal(path, e.FilePath);
        Assert.Contains(path, e.Message);
    }

    [Fact]
    public void Zero_sized_png_throws_naming_it()
    {
        var path = Write("zero.png", HandMadeImages.Png(0, 0, HandMadeImages.Rgb, []));
        var e = Assert.Throws<ImageDecodeException>(() => SkiaImageDecoder.Load(path));
        Assert.Equal(path, e.FilePath);
    }

    [Fact]
    public void File_bytes_and_stream_give_the_same_pixels()
    {
        var path = Write("noise.jpg", NoiseImage(40, 30, SKEncodedImageFormat.Jpeg));
        var fromFile = SkiaImageDecoder.Load(path);
        var fromBytes = SkiaImageDecoder.Default.Decode(File.ReadAllBytes(path), path);
        using var stream = File.OpenRead(path);
        var fromStream = SkiaImageDecoder.Default.Decode(stream, path);
        Assert.Equal((40, 30), (fromFile.Width, fromFile.Height));
        Assert.Equal(fromFile.Pixels, fromBytes.Pixels);
        Assert.Equal(fromFile.Pixels, fromStream.Pixels);
    }

    private static byte[] NoiseImage(int width, int height, SKEncodedImageFormat format)
    {
        var random = new Random(7);
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
                bitmap.SetPixel(x, y, new SKColor((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256)));
        using var data = bitmap.Encode(format, 90);
        return data.ToArray();
    }
}
