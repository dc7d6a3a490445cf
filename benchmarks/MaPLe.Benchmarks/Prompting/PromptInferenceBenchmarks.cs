using BenchmarkDotNet.Attributes;
using MaPLe.Benchmarks.Reporting;
using MaPLe.Tuning;

namespace MaPLe.Benchmarks.Prompting;

/// <summary>
/// Inference throughput through <see cref="PromptTuner.Logits"/> with the class text features cached (all methods but
/// CoCoOp, whose text depends on each image): ViT-B/16 shapes, batch 32 at 224×224, 100 classes
/// (<see cref="PromptWorkloads.Inference"/>). One operation = one image, so Op/s reads as images per second.
/// </summary>
[Config(typeof(PromptBenchmarkConfig))]
[MemoryDiagnoser]
public class PromptInferenceBenchmarks
{
    private InferenceWorkload? _workload;

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
        var workload = _workload = PromptWorkloads.Inference(PromptMethod, Precision);
        workload.Tuner.Logits(workload.Images).Dispose();   // caches the class text features
        CountedFlops.Record(this, workload.Clip.Model, Logits);
    }

    /// <summary>Logits of one batch.</summary>
    [Benchmark(OperationsPerInvoke = PromptWorkloads.InferenceBatch)]
    public void Logits() => _workload!.Logits(CachedText);

    [GlobalCleanup]
    public void Cleanup() => _workload?.Dispose();
}
