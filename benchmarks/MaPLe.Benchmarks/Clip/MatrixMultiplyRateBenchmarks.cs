using BenchmarkDotNet.Attributes;
using MaPLe.Benchmarks.Prompting;
using MaPLe.Benchmarks.Reporting;
using MaPLe.Clip;
using MaPLe.Clip.Modules;
using static TorchSharp.torch;

namespace MaPLe.Benchmarks.Clip;

/// <summary>
/// The machine's matrix-multiply rate through libtorch at the ViT-B/16 vision tower's linear layers: a batch of 4 images
/// (4·199 tokens of width 768) through <c>torch.nn.functional.linear</c> with bias (BLAS), or through the oneDNN path the
/// CLIP modules take for float32 on non-Intel CPUs (<see cref="LinearKernel"/>). The best GFLOP/s of a precision is the
/// yardstick <c>render-docs</c> divides the prompt benchmarks' rates by. The product is the CLIP modules' own linear
/// product, and its operations are counted by <see cref="FlopCounter"/>, as the prompt benchmarks' are.
/// </summary>
[Config(typeof(MatrixMultiplyRateConfig))]
public class MatrixMultiplyRateBenchmarks
{
    /// <summary>Tokens in a batch of four 224×224 images (196 patches, class token, two MaPLe visual prompts).</summary>
    public const int Tokens = 4 * 199;

    private Tensor? _input;
    private Tensor? _weight;
    private Tensor? _bias;
    private LinearProduct? _product;

    /// <summary>Compute dtype of the product.</summary>
    [ParamsSource(nameof(Precisions))]
    public string Precision { get; set; } = "fp32";

    /// <summary>fp32 and bf16, or only those in <c>MAPLE_BENCH_PRECISION</c> (comma-separated).</summary>
    public static IEnumerable<string> Precisions => PromptMethodCatalog.Precisions;

    /// <summary>The layer: "in→out" features.</summary>
    [ParamsSource(nameof(Layers))]
    public string Layer { get; set; } = "768→3072";

    /// <summary>Attention in-projection, attention out-projection, MLP up and down projections of a ViT-B/16 block.</summary>
    public static IEnumerable<string> Layers => ["768→2304", "768→768", "768→3072", "3072→768"];

    /// <summary>
    /// BLAS (<c>nn.functional.linear</c>) or oneDNN (float32 only, and only with more than one intra-op thread: elsewhere
    /// libtorch computes it with BLAS too, so those rows repeat the BLAS ones).
    /// </summary>
    [Params(LinearKernel.Blas, LinearKernel.OneDnn)]
    public LinearKernel Kernel { get; set; } = LinearKernel.Blas;

    [GlobalSetup]
    public void Setup()
    {
        var parts = Layer.Split('→');
        if (parts.Length != 2 || !int.TryParse(parts[0], out var inFeatures) || !int.TryParse(parts[1], out var outFeatures))
            throw new InvalidOperationException($"Layer '{Layer}' is not of the form 'in→out' (e.g. 768→3072): fix {nameof(Layers)}.");
        var dtype = PromptMethodCatalog.Backbone(Precision).ComputeDType;
        manual_seed(0);
        _input = randn(Tokens, inFeatures).to(dtype);
        _weight = (randn(outFeatures, inFeatures) / Math.Sqrt(inFeatures)).to(dtype);
        _bias = zeros(outFeatures).to(dtype);
        _product = new LinearProduct { OneDnn = Kernel == LinearKernel.OneDnn };
        CountedFlops.Record(this, _product, Linear);   // 2 · tokens · in · out; doubles as a warm-up
    }

    /// <summary>One <c>linear(input, weight, bias)</c>.</summary>
    [Benchmark]
    public void Linear()
    {
        using var _ = no_grad();
        using var output = _product!.call(_input!, _weight!, _bias!);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _input?.Dispose();
        _weight?.Dispose();
        _bias?.Dispose();
        _product?.Dispose();
    }
}
