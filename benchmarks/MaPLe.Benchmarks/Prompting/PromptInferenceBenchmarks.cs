using BenchmarkDotNet.Attributes;
using MaPLe.Benchmarks.Reporting;
using MaPLe.Clip;
using MaPLe.Prompting;
using MaPLe.Tuning;
using static TorchSharp.torch;

namespace MaPLe.Benchmarks.Prompting;

/// <summary>
/// Inference throughput through <see cref="PromptTuner.Logits"/> with the class text features cached (all methods but
/// CoCoOp, whose text depends on each image): ViT-B/16 shapes, batch 32 at 224×224, 100 classes. One operation = one
/// image, so Op/s reads as images per second.
/// </summary>
[Config(typeof(PromptBenchmarkConfig))]
[MemoryDiagnoser]
public class PromptInferenceBenchmarks
{
    private const int Batch = 32;
    private PromptTuner? _tuner;
    private Tensor? _images;

    /// <summary>Compute dtype of the frozen CLIP (prompts stay fp32).</summary>
    [ParamsSource(nameof(Precisions))]
    public string Precision { get; set; } = "fp32";

    /// <summary>fp32 and bf16, or only those in <c>MAPLE_BENCH_PRECISION</c> (comma-separated).</summary>
    public static IEnumerable<string> Precisions => PromptMethodCatalog.Precisions;

    /// <summary>
    /// True: class text features computed once and reused (this library). False: re-encoded for every batch, as the official
    /// code's <c>CustomCLIP.forward</c> does at test time.
    /// </summary>
    [Params(true, false)]
    public bool CachedText { get; set; } = true;

    /// <summary>The method under test.</summary>
    [ParamsSource(nameof(Methods))]
    public string PromptMethod { get; set; } = "maple";

    /// <summary>Every method.</summary>
    public static IEnumerable<string> Methods => PromptMethodCatalog.All;

    [GlobalSetup]
    public void Setup()
    {
        _tuner = new PromptTunerBuilder()
            .UseBackbone(ClipBackbone.CreateRandom(ClipConfig.VitB16, options: PromptMethodCatalog.Backbone(Precision)), ownsBackbone: true)
            .UseTokenizer(PromptMethodCatalog.Tokenizer())
            .UseMethod(PromptMethodCatalog.Options(PromptMethod))
            .UseClassNames(PromptMethodCatalog.Classes(100))
            .UseSeed(0)
            .Build();
        _images = randn(Batch, 3, 224, 224);
        _tuner.Logits(_images).Dispose();   // caches the class text features
        CountedFlops.Record(this, Logits);
    }

    /// <summary>Logits of one batch.</summary>
    [Benchmark(OperationsPerInvoke = Batch)]
    public void Logits()
    {
        using var scope = NewDisposeScope();
        if (CachedText)
        {
            _tuner!.Logits(_images!);
            return;
        }
        // The official code's path: the prompts may have changed since the last batch, so the class texts are encoded
        // again (advancing the prompt version is what an optimizer step does; the learner's cache then misses).
        using var _ = no_grad();
        _tuner!.Learner.NotifyParametersChanged();
        _tuner.Learner.Forward(_images!);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _tuner?.Dispose();
        _images?.Dispose();
    }
}
