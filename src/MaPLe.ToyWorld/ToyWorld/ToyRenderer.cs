using MaPLe.Imaging;
using SkiaSharp;

namespace MaPLe.ToyWorld;

/// <summary>
/// Renders <see cref="ToyScene"/>s to RGB images with SkiaSharp. The output depends only on the scene and on
/// <see cref="ToyWorldOptions.ImageSize"/>, <see cref="ToyWorldOptions.Antialias"/> and
/// <see cref="ToyWorldOptions.NoiseAmplitude"/>: the same scene always gives the same bytes on one machine.
/// An instance reuses one canvas and is not thread-safe; <see cref="RenderCached"/> is.
/// </summary>
public sealed class ToyRenderer : IDisposable
{
    private static readonly float[] NominalRadius = [0.13f, 0.20f, 0.28f];
    private const float Margin = 0.05f;
    // The polygons reach about 1.15 nominal radii; anchors keep them inside the image.
    private const float Extent = 1.15f;

    // Noise can push a channel up to 64 levels past either end of 0..255 (the option's maximum amplitude).
    private const int SaturateBias = 64;
    private static readonly byte[] SaturateTable = CreateSaturateTable();

    [ThreadStatic] private static Dictionary<(int Size, bool Antialias, int Noise, ToyCamera Camera), ToyRenderer>? t_cache;

    private readonly SKBitmap _bitmap;
    private readonly SKCanvas _canvas;
    private readonly SKPaint _fill;
    private readonly SKPaint _stroke;
    private readonly ToyShapePaths _shapes = new();
    private readonly ToyBackgroundPainter _background;
    private readonly int[] _noiseOffsets;
    private readonly ToyColor[] _palette = Enum.GetValues<ToyColor>();
    private bool _disposed;

    /// <summary>Creates a renderer for images of <see cref="ToyWorldOptions.ImageSize"/> pixels.</summary>
    /// <exception cref="ArgumentException">Invalid options.</exception>
    public ToyRenderer(ToyWorldOptions? options = null)
    {
        Options = (options ?? new ToyWorldOptions()).Validate();
        _bitmap = new SKBitmap(new SKImageInfo(ImageSize, ImageSize, SKColorType.Rgba8888, SKAlphaType.Premul));
        _canvas = new SKCanvas(_bitmap);
        _background = new ToyBackgroundPainter(ImageSize, Options.Antialias);
        _noiseOffsets = NoiseOffsets(Options.NoiseAmplitude);
        _fill = new SKPaint { IsAntialias = Options.Antialias, Style = SKPaintStyle.Fill };
        _stroke = new SKPaint
        {
            IsAntialias = Options.Antialias, Style = SKPaintStyle.Stroke, StrokeCap = SKStrokeCap.Round,
            StrokeWidth = ImageSize * 0.03f,
        };
    }

    /// <summary>The validated options.</summary>
    public ToyWorldOptions Options { get; }

    /// <summary>Image side in pixels.</summary>
    public int ImageSize => Options.ImageSize;

    /// <summary>Renders <paramref name="scene"/> on a renderer cached for the calling thread. Thread-safe.</summary>
    public static RgbImage RenderCached(ToyScene scene, ToyWorldOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        t_cache ??= [];
        var key = (options.ImageSize, options.Antialias, options.NoiseAmplitude, options.Camera);
        if (!t_cache.TryGetValue(key, out var renderer))
            t_cache[key] = renderer = new ToyRenderer(options);
        return renderer.Render(scene);
    }

    /// <summary>Renders <paramref name="scene"/> to a new image.</summary>
    public RgbImage Render(ToyScene scene)
    {
        var pixels = new byte[ImageSize * ImageSize * 3];
        Render(scene, pixels);
        return new RgbImage(ImageSize, ImageSize, pixels);
    }

    /// <summary>Renders <paramref name="scene"/> into <paramref name="destination"/> as HWC RGB bytes (side² × 3 of them).</summary>
    public void Render(ToyScene scene, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(scene);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var expected = ImageSize * ImageSize * 3;
        if (destination.Length != expected)
            throw new ArgumentException($"Destination holds {destination.Length} bytes; a {ImageSize}x{ImageSize} RGB image needs {expected}.", nameof(destination));

        var rng = new ToyRandom(scene.DetailSeed);
        _background.Paint(scene, ref rng, _bitmap.GetPixelSpan(), _bitmap.RowBytes);
        _bitmap.NotifyPixelsChanged();
        DrawDistractors(scene, ref rng);
        DrawShape(scene);
        _canvas.Flush();
        CopyWithNoise(destination, ToyRandom.Combine(scene.DetailSeed, ToyRandom.NoiseStream));
        Options.Camera.Apply(destination);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        _shapes.Dispose();
        _stroke.Dispose();
        _fill.Dispose();
        _canvas.Dispose();
        _bitmap.Dispose();
    }

    /// <summary>Centre of the main shape in pixels, and its nominal radius in pixels.</summary>
    internal static (float X, float Y, float Radius) Placement(ToyScene scene, int imageSize)
    {
        var r = NominalRadius[(int)scene.Size] * scene.Scale;
        var lo = Margin + r * Extent;
        var hi = 1 - lo;
        var (ax, ay) = scene.Position switch
        {
            ToyPosition.Center => (0.5f, 0.5f),
            ToyPosition.Left => (lo, 0.5f),
            ToyPosition.Right => (hi, 0.5f),
            ToyPosition.Top => (0.5f, lo),
            ToyPosition.Bottom => (0.5f, hi),
            ToyPosition.TopLeft => (lo, lo),
            ToyPosition.TopRight => (hi, lo),
            ToyPosition.BottomLeft => (lo, hi),
            ToyPosition.BottomRight => (hi, hi),
            _ => throw new ArgumentOutOfRangeException(nameof(scene), scene.Position, "Not a defined ToyPosition."),
        };
        return ((ax + scene.OffsetX) * imageSize, (ay + scene.OffsetY) * imageSize, r * imageSize);
    }

    private void DrawShape(ToyScene scene)
    {
        var (x, y, r) = Placement(scene, ImageSize);
        _fill.Shader = null;
        _fill.Color = Sk(ToyPalette.Rgb(scene.Color));
        _canvas.Save();
        _canvas.Translate(x, y);
        _canvas.RotateDegrees(scene.RotationDegrees);
        _canvas.Scale(r);
        _canvas.DrawPath(_shapes[scene.Shape], _fill);
        _canvas.Restore();
    }

    // Small dots and strokes under the shape; never in a colour close to the shape's, so the label stays unambiguous.
    private void DrawDistractors(ToyScene scene, ref ToyRandom rng)
    {
        float n = ImageSize;
        for (var k = 0; k < scene.DistractorCount; k++)
        {
            var color = _palette[rng.NextInt(_palette.Length)];
            var usable = color != scene.BackgroundColor && ToyPalette.Contrasts(scene.Color, color);
            float x = (float)rng.NextDouble() * n, y = (float)rng.NextDouble() * n;
            var isDot = rng.NextBool(0.5);
            var size = (float)(0.5 + rng.NextDouble());
            var angle = rng.NextDouble() * Math.PI;
            if (!usable)
                continue;
            if (isDot)
            {
                _fill.Shader = null;
                _fill.Color = Sk(ToyPalette.Rgb(color));
                _canvas.DrawCircle(x, y, n * 0.035f * size, _fill);
            }
            else
            {
                var half = n * 0.09f * size;
                float dx = (float)Math.Cos(angle) * half, dy = (float)Math.Sin(angle) * half;
                _stroke.Color = Sk(ToyPalette.Rgb(color));
                _canvas.DrawLine(x - dx, y - dy, x + dx, y + dy, _stroke);
            }
        }
    }

    private void CopyWithNoise(Span<byte> destination, ulong noiseSeed)
    {
        ReadOnlySpan<byte> rgba = _bitmap.GetPixelSpan();
        var rowBytes = _bitmap.RowBytes;
        var n = ImageSize;
        var noise = new ToyRandom(noiseSeed);
        for (var y = 0; y < n; y++)
        {
            var src = rgba.Slice(y * rowBytes, n * 4);
            var dst = destination.Slice(y * n * 3, n * 3);
            if (Options.NoiseAmplitude == 0)
            {
                for (int s = 0, d = 0; d < dst.Length; s += 4, d += 3)
                    (dst[d], dst[d + 1], dst[d + 2]) = (src[s], src[s + 1], src[s + 2]);
                continue;
            }

            // One draw gives three 8-bit fields; tables map each to an offset and saturate the sum.
            var offsets = _noiseOffsets;
            var saturate = SaturateTable;
            for (int s = 0, d = 0; d < dst.Length; s += 4, d += 3)
            {
                var bits = noise.NextUInt64();
                dst[d] = saturate[src[s] + offsets[(byte)bits]];
                dst[d + 1] = saturate[src[s + 1] + offsets[(byte)(bits >> 8)]];
                dst[d + 2] = saturate[src[s + 2] + offsets[(byte)(bits >> 16)]];
            }
        }
    }

    /// <summary>Offset (shifted by <see cref="SaturateBias"/>) for each noise byte: uniform in [-amplitude, amplitude].</summary>
    private static int[] NoiseOffsets(int amplitude) =>
        Enumerable.Range(0, 256).Select(b => ((b * (2 * amplitude + 1)) >> 8) - amplitude + SaturateBias).ToArray();

    private static byte[] CreateSaturateTable() =>
        Enumerable.Range(0, 256 + 2 * SaturateBias).Select(v => (byte)Math.Clamp(v - SaturateBias, 0, 255)).ToArray();

    internal static SKColor Sk(ToyRgb c) => new(c.R, c.G, c.B);
}
