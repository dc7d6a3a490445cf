using BenchmarkDotNet.Attributes;
using MaPLe.Data;
using MaPLe.Data.Loading;
using MaPLe.Imaging;

namespace MaPLe.Benchmarks.Data;

/// <summary>
/// Throughput of <see cref="ImageBatchLoader"/> over one epoch of synthetic 320×240 images, with an injected decoder (a
/// pixel copy, standing in for JPEG decoding) and the production training transform (<see cref="ClipTrainTransform"/>
/// at 224: random resized crop, PIL bicubic resize, flip, normalisation), so the numbers measure the path training takes
/// — the transform, the loader's threading and buffering and the tensor hand-off — rather than a particular codec.
/// Images/s per core = ItemCount / Mean / Workers (Workers = 1 keeps one core busy plus the consumer).
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
        _loader = new ImageBatchLoader(items, new CopyingDecoder(320, 240), new ClipTrainTransform(224), options);
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
}
