using System.Runtime.InteropServices;

namespace MaPLe.ToyWorld;

/// <summary>
/// Paints a scene's background straight into RGBA pixel memory. Patterns are separable (stripes, dots and checks depend
/// on a row term and a column term), so painting them here is an order of magnitude faster than drawing dozens of
/// antialiased Skia primitives, and the arithmetic is plain IEEE float: the background is bit-exact on any machine.
/// Edges are antialiased analytically: a pixel's tone weight ramps over one pixel across each pattern edge (or steps, when
/// antialiasing is off).
/// </summary>
internal sealed class ToyBackgroundPainter(int imageSize, bool antialias)
{
    private const int Levels = 256;
    private readonly float[] _rows = new float[imageSize];
    private readonly float[] _cols = new float[imageSize];
    private readonly float[] _diagonal = new float[2 * imageSize];
    // Colour-to-tone ramps, one per background colour, built once per painter.
    private readonly uint[][] _ramps = Enum.GetValues<ToyColor>().Select(BuildRamp).ToArray();
    private uint[] _ramp = [];

    public void Paint(ToyScene scene, ref ToyRandom rng, Span<byte> rgba, int rowBytes)
    {
        int n = imageSize;
        // About eight pattern periods per image side, whatever the resolution.
        var period = n / 8f;
        var phase = (float)(rng.NextDouble() * period);
        _ramp = _ramps[(int)scene.BackgroundColor];
        switch (scene.Texture)
        {
            case ToyTexture.Plain:
                for (var y = 0; y < n; y++)
                    Row(rgba, rowBytes, y).Fill(_ramp[0]);
                break;
            case ToyTexture.Striped:
                Stripes(rng.NextInt(4), period, phase, rgba, rowBytes);
                break;
            case ToyTexture.Dotted:
                Dots(period, phase, rgba, rowBytes);
                break;
            case ToyTexture.Checkered:
                Checks(period, phase, rgba, rowBytes);
                break;
            case ToyTexture.Gradient:
                Gradient(rng.NextDouble() * 2 * Math.PI, rgba, rowBytes);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(scene), scene.Texture, "Not a defined ToyTexture.");
        }
    }

    // Orientation 0: horizontal stripes, 1: vertical, 2 and 3: the two diagonals.
    private void Stripes(int orientation, float period, float phase, Span<byte> rgba, int rowBytes)
    {
        int n = imageSize;
        if (orientation < 2)
        {
            var along = orientation == 0 ? _rows : _cols;
            for (var i = 0; i < n; i++)
                along[i] = StripeWeight(i + 0.5f - phase, period);
            for (var y = 0; y < n; y++)
            {
                var row = Row(rgba, rowBytes, y);
                for (var x = 0; x < n; x++)
                    row[x] = _ramp[EdgeLevel(orientation == 0 ? _rows[y] : _cols[x])];
            }

            return;
        }

        // Distance along the diagonal normal of pixel centre (x + ½, y ± ½): (x ± y + 1) / √2 pixels.
        var invSqrt2 = 1f / MathF.Sqrt(2);
        for (var k = 0; k < 2 * n; k++)
            _diagonal[k] = StripeWeight((k - (orientation == 2 ? 0 : n) + 1) * invSqrt2 - phase, period);
        for (var y = 0; y < n; y++)
        {
            var row = Row(rgba, rowBytes, y);
            for (var x = 0; x < n; x++)
                row[x] = _ramp[EdgeLevel(_diagonal[orientation == 2 ? x + y : x - y + n])];
        }
    }

    private void Dots(float period, float phase, Span<byte> rgba, int rowBytes)
    {
        int n = imageSize;
        var radius = period * 0.28f;
        for (var i = 0; i < n; i++)
        {
            var d = WrappedDistance(i + 0.5f - phase, period);
            _rows[i] = d * d;
        }

        for (var y = 0; y < n; y++)
        {
            var row = Row(rgba, rowBytes, y);
            for (var x = 0; x < n; x++)
                row[x] = _ramp[EdgeLevel(0.5f + radius - MathF.Sqrt(_rows[x] + _rows[y]))];
        }
    }

    private void Checks(float period, float phase, Span<byte> rgba, int rowBytes)
    {
        int n = imageSize;
        for (var i = 0; i < n; i++)
            _rows[i] = Math.Clamp(2 * HalfCycleDistance(i + 0.5f - phase, 2 * period), -1f, 1f);
        for (var y = 0; y < n; y++)
        {
            var row = Row(rgba, rowBytes, y);
            for (var x = 0; x < n; x++)
                row[x] = _ramp[EdgeLevel(0.5f + 0.5f * _rows[x] * _rows[y])];
        }
    }

    private void Gradient(double angle, Span<byte> rgba, int rowBytes)
    {
        int n = imageSize;
        float ux = (float)Math.Cos(angle) / n, uy = (float)Math.Sin(angle) / n;
        // Ramp from the colour at one side of the image to the tone at the other, through the centre.
        var offset = 0.5f - (n / 2f) * (ux + uy);
        for (var y = 0; y < n; y++)
        {
            var row = Row(rgba, rowBytes, y);
            var ty = offset + (y + 0.5f) * uy;
            for (var x = 0; x < n; x++)
                row[x] = _ramp[Level(ty + (x + 0.5f) * ux)];
        }
    }

    /// <summary>Tone weight of a stripe pattern (stripes cover the first half of each period) at <paramref name="u"/>.</summary>
    private static float StripeWeight(float u, float period) => 0.5f + HalfCycleDistance(u, period);

    /// <summary>Distance from <paramref name="u"/> to the nearest edge of the first half of its cycle; positive inside it.</summary>
    private static float HalfCycleDistance(float u, float cycle)
    {
        var t = u - MathF.Floor(u / cycle) * cycle;
        var h = cycle / 2;
        return t < h ? MathF.Min(t, h - t) : -MathF.Min(t - h, cycle - t);
    }

    private static float WrappedDistance(float u, float period)
    {
        var t = u - MathF.Floor(u / period) * period;
        return MathF.Min(t, period - t);
    }

    private int EdgeLevel(float weight) => antialias ? Level(weight) : weight >= 0.5f ? Levels : 0;

    private static int Level(float weight) => (int)(Math.Clamp(weight, 0f, 1f) * Levels + 0.5f);

    private static Span<uint> Row(Span<byte> rgba, int rowBytes, int y) => MemoryMarshal.Cast<byte, uint>(rgba.Slice(y * rowBytes, rowBytes));

    private static uint[] BuildRamp(ToyColor color)
    {
        ToyRgb from = ToyPalette.Rgb(color), to = ToyPalette.Tone(color);
        var ramp = new uint[Levels + 1];
        Span<byte> px = stackalloc byte[4];
        px[3] = 255;
        for (var k = 0; k <= Levels; k++)
        {
            var c = from.Blend(to, k / (double)Levels);
            (px[0], px[1], px[2]) = (c.R, c.G, c.B);
            ramp[k] = MemoryMarshal.Read<uint>(px);
        }

        return ramp;
    }
}
