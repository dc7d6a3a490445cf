using MaPLe.Imaging;
using MaPLe.ToyWorld;

namespace MaPLe.Tests.ToyWorld;

/// <summary>Pixel measurements for toy-world tests.</summary>
internal static class ToyPixels
{
    public static ToyRgb At(RgbImage image, int x, int y)
    {
        var o = (y * image.Width + x) * 3;
        return new ToyRgb(image.Pixels[o], image.Pixels[o + 1], image.Pixels[o + 2]);
    }

    /// <summary>Pixels within <paramref name="tolerance"/> of <paramref name="color"/>: count and centroid.</summary>
    public static (int Count, double X, double Y) Near(RgbImage image, ToyRgb color, double tolerance = 40)
    {
        int count = 0;
        double sx = 0, sy = 0;
        for (var y = 0; y < image.Height; y++)
            for (var x = 0; x < image.Width; x++)
                if (At(image, x, y).DistanceTo(color) <= tolerance)
                {
                    count++;
                    sx += x;
                    sy += y;
                }

        return (count, count == 0 ? double.NaN : sx / count, count == 0 ? double.NaN : sy / count);
    }

    /// <summary>
    /// Area in pixels covered by <paramref name="shape"/> over a flat <paramref name="background"/>, counting each
    /// antialiased edge pixel by its mix fraction (projection of pixel − background onto shape − background).
    /// </summary>
    public static double Coverage(RgbImage image, ToyRgb shape, ToyRgb background)
    {
        double dr = shape.R - background.R, dg = shape.G - background.G, db = shape.B - background.B;
        var norm = dr * dr + dg * dg + db * db;
        double area = 0;
        for (var y = 0; y < image.Height; y++)
            for (var x = 0; x < image.Width; x++)
            {
                var p = At(image, x, y);
                var t = ((p.R - background.R) * dr + (p.G - background.G) * dg + (p.B - background.B) * db) / norm;
                area += Math.Clamp(t, 0, 1);
            }

        return area;
    }
}
