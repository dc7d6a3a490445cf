using MaPLe.Imaging;
using MaPLe.ToyWorld;
using SkiaSharp;

namespace MaPLe.Tests.ToyWorld;

public class ToyContactSheetTests
{
    private static RgbImage Solid(byte v) => new(2, 2, Enumerable.Repeat(v, 12).ToArray());

    [Fact]
    public void Compose_TilesRowByRow_WithPadding()
    {
        var sheet = ToyContactSheet.Compose([Solid(10), Solid(20), Solid(30)], columns: 2, padding: 1);
        // 2 columns × (2 + 1) + 1 = 7 wide, 2 rows → 7 high.
        Assert.Equal(7, sheet.Width);
        Assert.Equal(7, sheet.Height);
        Assert.Equal(new ToyRgb(10, 10, 10), ToyPixels.At(sheet, 1, 1));
        Assert.Equal(new ToyRgb(20, 20, 20), ToyPixels.At(sheet, 4, 2));
        Assert.Equal(new ToyRgb(30, 30, 30), ToyPixels.At(sheet, 2, 5));
        Assert.Equal(new ToyRgb(255, 255, 255), ToyPixels.At(sheet, 5, 5));
        Assert.Equal(new ToyRgb(255, 255, 255), ToyPixels.At(sheet, 0, 0));
    }

    [Fact]
    public void SavePng_RoundTripsThePixels()
    {
        var image = new ToyRenderer(ToyWorldOptions.Clean with { ImageSize = 24 }).Render(new ToySceneSampler(1).Sample(0));
        var path = Path.Combine(Path.GetTempPath(), $"toyworld-{Guid.NewGuid():N}.png");
        try
        {
            ToyContactSheet.SavePng(image, path);
            using var decoded = SKBitmap.Decode(path).Copy(SKColorType.Rgba8888);
            var rgba = decoded.GetPixelSpan();
            for (var y = 0; y < 24; y++)
                for (var x = 0; x < 24; x++)
                {
                    var o = y * decoded.RowBytes + x * 4;
                    Assert.Equal(ToyPixels.At(image, x, y), new ToyRgb(rgba[o], rgba[o + 1], rgba[o + 2]));
                }
        }
        finally
        {
            File.Delete(path);
        }
    }
}
