using BenchmarkDotNet.Attributes;
using MaPLe.ToyWorld;

namespace MaPLe.Benchmarks.ToyWorld;

/// <summary>
/// Toy-world rendering throughput on one core: images per second = 1 / (mean time per operation). Each operation
/// renders one image from a pool of pre-sampled scenes (all textures, sizes and distractor counts).
/// Run: dotnet run -c Release --project benchmarks/MaPLe.Benchmarks -- --filter '*ToyRender*'
/// </summary>
[MemoryDiagnoser]
public class ToyRenderBenchmarks
{
    private const int Scenes = 256;
    private ToyScene[] _scenes = [];
    private ToyRenderer _renderer = null!;
    private byte[] _buffer = [];

    /// <summary>Image side in pixels.</summary>
    [Params(64)]
    public int ImageSize { get; set; }

    /// <summary>Default options (noise and distractors on) or <see cref="ToyWorldOptions.Clean"/>.</summary>
    [Params(true, false)]
    public bool Noisy { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var options = (Noisy ? new ToyWorldOptions() : ToyWorldOptions.Clean) with { ImageSize = ImageSize };
        var sampler = new ToySceneSampler(1, options);
        _scenes = Enumerable.Range(0, Scenes).Select(i => sampler.Sample(i)).ToArray();
        _renderer = new ToyRenderer(options);
        _buffer = new byte[ImageSize * ImageSize * 3];
    }

    [GlobalCleanup]
    public void Cleanup() => _renderer.Dispose();

    /// <summary>Render into a caller-owned buffer (what a batching data loader does).</summary>
    [Benchmark(OperationsPerInvoke = Scenes)]
    public void RenderIntoBuffer()
    {
        foreach (var scene in _scenes)
            _renderer.Render(scene, _buffer);
    }

    /// <summary>Render a new <see cref="MaPLe.Imaging.RgbImage"/> on the thread cache (what dataset items do).</summary>
    [Benchmark(OperationsPerInvoke = Scenes)]
    public int RenderNewImageCached()
    {
        var total = 0;
        var options = _renderer.Options;
        foreach (var scene in _scenes)
            total += ToyRenderer.RenderCached(scene, options).Pixels[0];
        return total;
    }
}
