using BenchmarkDotNet.Attributes;
using MaPLe.Clip;
using static TorchSharp.torch;

namespace MaPLe.Benchmarks.Clip;

/// <summary>
/// Text tower on ViT-B/16-shaped random weights: 100 class prompts of typical length (≤ 20 of 77 tokens), run over all
/// 77 positions as upstream does, or only up to the last EOT (exact, because the tower is causal).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(MaPLe.Benchmarks.Prompting.PromptBenchmarkConfig))]
public class TextEncoderBenchmarks
{
    private ClipBackbone _clip = null!;
    private Tensor _embeddings = null!;
    private Tensor _eot = null!;

    /// <summary>Number of class prompts encoded per call.</summary>
    [Params(100)]
    public int Classes { get; set; }

    /// <summary>Creates the backbone and prompts (EOT at positions 8..19).</summary>
    [GlobalSetup]
    public void Setup()
    {
        _clip = ClipBackbone.CreateRandom(ClipConfig.VitB16, seed: 0);
        var ids = zeros(Classes, 77, ScalarType.Int64);
        var eot = new long[Classes];
        var rng = new Random(0);
        for (int c = 0; c < Classes; c++)
        {
            eot[c] = 8 + c % 12;
            ids[c, 0] = tensor(49406L);
            for (int j = 1; j < eot[c]; j++) ids[c, j] = tensor((long)rng.Next(300, 40000));
            ids[c, eot[c]] = tensor(49407L);
        }
        _eot = tensor(eot);
        _embeddings = _clip.EmbedTokens(ids);
    }

    /// <summary>All 77 positions (what the official code computes).</summary>
    [Benchmark(Baseline = true)]
    public void FullContext()
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        _clip.Model.text.Forward(_embeddings, _eot, null, truncate: false);
    }

    /// <summary>Positions up to the last EOT only.</summary>
    [Benchmark]
    public void TruncatedAtLastEot()
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        _clip.Model.text.Forward(_embeddings, _eot, null, truncate: true);
    }

    /// <summary>Frees native memory.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _embeddings.Dispose();
        _eot.Dispose();
        _clip.Dispose();
    }
}
