using BenchmarkDotNet.Attributes;
using MaPLe.Data;
using MaPLe.Data.Loading;
using MaPLe.Imaging;
using static TorchSharp.torch;

namespace MaPLe.Benchmarks.Data;

/// <summary>
/// Throughput of <see cref="ImageBatchLoader"/> over one epoch of synthetic 320×240 images, with an injected decoder (a
/// pixel copy, standing in for JPEG decoding) and a managed nearest-resize + normalize transform, so the numbers measure
/// the loader's threading, buffering and tensor hand-off rather than a particular codec.
/// Run: dotnet run -c Release --project benchmarks/MaPLe.Benchmarks -- --filter '*ImageBatchLoader*'
/// </summary>
[MemoryDiagnoser]
public class ImageBatchLoaderBenchmarks
{
    private ImageBatchLoader _loader = null!;

    /// <summary>Worker threads.</summary>
    [Params(1, 4)]
    public int Workers { get; set; }

    /// <summary>Images per batch (MaPLe trains with 4, tests with 100).</summary>
    [Params(4, 100)]
    public int BatchSize { get; set; }

    /// <summary>Images per epoch.</summary>
    public int ItemCount { get; set; } = 400;

    [GlobalSetup]
    public void Setup()
    {
        var items = Enumerable.Range(0, ItemCount).Select(i => new ImageItem($"synthetic/{i}.jpg", i % 10, $"class {i % 10}")).ToArray();
        var options = ImageBatchLoaderOptions.ForTraining(BatchSize, items.Length, seed: 1) with { Workers = Workers };
        _loader = new ImageBatchLoader(items, new CopyingDecoder(320, 240), new NearestNormalizeTransform(224), options);
    }

    /// <summary>One full epoch; returns the number of images delivered.</summary>
    [Benchmark]
    public int Epoch()
    {
        int images = 0;
        foreach (var batch in _loader.ReadEpoch(0))
            using (batch)
                images += batch.Count;
        return images;
    }

    /// <summary>Returns a fresh copy of a fixed noise image (allocation and memory traffic of a real decode).</summary>
    private sealed class CopyingDecoder : IImageDecoder
    {
        private readonly int _width, _height;
        private readonly byte[] _pixels;

        public CopyingDecoder(int width, int height)
        {
            _width = width;
            _height = height;
            _pixels = new byte[width * height * 3];
            new Random(0).NextBytes(_pixels);
        }

        public RgbImage Decode(string path) => new(_width, _height, (byte[])_pixels.Clone());
    }

    /// <summary>Nearest-neighbour resize to N×N, then CLIP's mean/std normalisation, computed in managed code.</summary>
    private sealed class NearestNormalizeTransform(int resolution) : IImageTransform
    {
        private static readonly float[] Mean = [0.48145466f, 0.4578275f, 0.40821073f];
        private static readonly float[] Std = [0.26862954f, 0.26130258f, 0.27577711f];

        public int Resolution { get; } = resolution;

        public Tensor Apply(RgbImage image, Random random)
        {
            int n = Resolution;
            var data = new float[3 * n * n];
            for (int y = 0; y < n; y++)
            {
                int sy = y * image.Height / n;
                for (int x = 0; x < n; x++)
                {
                    int p = (sy * image.Width + x * image.Width / n) * 3;
                    for (int c = 0; c < 3; c++)
                        data[c * n * n + y * n + x] = (image.Pixels[p + c] / 255f - Mean[c]) / Std[c];
                }
            }
            return tensor(data, [3, n, n]);
        }
    }
}
