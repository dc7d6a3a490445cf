using BenchmarkDotNet.Attributes;
using MaPLe.Imaging;
using SkiaSharp;

namespace MaPLe.Benchmarks.Imaging;

/// <summary>
/// Decode + CLIP test transform throughput on 500×375 JPEGs (a typical dataset photo) at 224, the data-loading cost of
/// evaluation. Each operation is one image (OperationsPerInvoke), so results read directly as time per image; images/s
/// = 1 s / mean. Compare with PIL + torchvision per core (Image.open().convert("RGB") → Resize → CenterCrop → ToTensor →
/// Normalize).
/// </summary>
[MemoryDiagnoser]
public class ClipPreprocessBenchmarks
{
    private const int ImageCount = 32;
    private const int Resolution = 224;

    private byte[][] _jpegs = [];
    private RgbImage[] _decoded = [];
    private ClipTestTransform _test = null!;
    private ClipTrainTransform _train = null!;
    private float[] _buffer = [];

    [GlobalSetup]
    public void Setup()
    {
        _jpegs = Enumerable.Range(0, ImageCount).Select(i => SyntheticPhoto.Jpeg(500, 375, seed: i)).ToArray();
        _decoded = _jpegs.Select((j, i) => SkiaImageDecoder.Default.Decode(j, $"bench-{i}.jpg")).ToArray();
        _test = new ClipTestTransform(Resolution);
        _train = new ClipTrainTransform(Resolution);
        _buffer = new float[3 * Resolution * Resolution];
    }

    [Benchmark(OperationsPerInvoke = ImageCount)]
    public void DecodeOnly()
    {
        for (int i = 0; i < _jpegs.Length; i++)
            SkiaImageDecoder.Default.Decode(_jpegs[i]);
    }

    [Benchmark(OperationsPerInvoke = ImageCount)]
    public void TestTransformOnly()
    {
        for (int i = 0; i < _decoded.Length; i++)
            _test.ApplyInto(_decoded[i], _buffer);
    }

    [Benchmark(OperationsPerInvoke = ImageCount)]
    public void TrainTransformOnly()
    {
        var random = new Random(0);
        for (int i = 0; i < _decoded.Length; i++)
            _train.ApplyInto(_decoded[i], random, _buffer);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = ImageCount)]
    public void DecodeAndTestTransform_SingleThread()
    {
        for (int i = 0; i < _jpegs.Length; i++)
            _test.ApplyInto(SkiaImageDecoder.Default.Decode(_jpegs[i]), _buffer);
    }

    [Benchmark(OperationsPerInvoke = ImageCount)]
    public void DecodeAndTestTransformToTensor_SingleThread()
    {
        for (int i = 0; i < _jpegs.Length; i++)
        {
            using var tensor = _test.Apply(SkiaImageDecoder.Default.Decode(_jpegs[i]));
        }
    }

    [Benchmark(OperationsPerInvoke = ImageCount)]
    public void DecodeAndTestTransform_AllCores()
    {
        Parallel.For(0, _jpegs.Length,
            () => new float[3 * Resolution * Resolution],
            (i, _, buffer) =>
            {
                _test.ApplyInto(SkiaImageDecoder.Default.Decode(_jpegs[i]), buffer);
                return buffer;
            },
            _ => { });
    }
}

/// <summary>Photo-like synthetic JPEGs: smooth gradients, soft shapes and mild noise, quality 90.</summary>
public static class SyntheticPhoto
{
    /// <summary>Encodes a reproducible photo-like image.</summary>
    public static byte[] Jpeg(int width, int height, int seed)
    {
        var random = new Random(seed);
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        using (var canvas = new SKCanvas(bitmap))
        {
            using var paint = new SKPaint { IsAntialias = true };
            paint.Shader = SKShader.CreateLinearGradient(new SKPoint(0, 0), new SKPoint(width, height),
                [RandomColour(random), RandomColour(random)], SKShaderTileMode.Clamp);
            canvas.DrawRect(0, 0, width, height, paint);
            paint.Shader = null;
            for (int i = 0; i < 40; i++)
            {
                paint.Color = RandomColour(random).WithAlpha((byte)random.Next(60, 200));
                canvas.DrawCircle(random.Next(width), random.Next(height), random.Next(5, 80), paint);
            }
        }
        var pixels = bitmap.GetPixelSpan();
        for (int i = 0; i < pixels.Length; i++)
            if ((i & 3) != 3) pixels[i] = (byte)Math.Clamp(pixels[i] + random.Next(-12, 13), 0, 255);
        using var data = bitmap.Encode(SKEncodedImageFormat.Jpeg, 90);
        return data.ToArray();
    }

    private static SKColor RandomColour(Random random) => new((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256));
}
