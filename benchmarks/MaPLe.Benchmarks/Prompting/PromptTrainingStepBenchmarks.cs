using BenchmarkDotNet.Attributes;
using MaPLe.Benchmarks.Reporting;

namespace MaPLe.Benchmarks.Prompting;

/// <summary>
/// One training step (forward over all classes, cross-entropy, backward to the prompts) per method on a ViT-B/16-shaped
/// CLIP with random weights: batch 4 at 224×224, 10 or 100 classes (<see cref="PromptWorkloads.TrainingStep"/>).
/// </summary>
[Config(typeof(PromptBenchmarkConfig))]
[MemoryDiagnoser]
public class PromptTrainingStepBenchmarks
{
    private TrainingStepWorkload? _workload;

    /// <summary>Compute dtype of the frozen CLIP (prompts stay fp32).</summary>
    [ParamsSource(nameof(Precisions))]
    public string Precision { get; set; } = "fp32";

    /// <summary>fp32 and bf16, or only those in <c>MAPLE_BENCH_PRECISION</c> (comma-separated).</summary>
    public static IEnumerable<string> Precisions => PromptMethodCatalog.Precisions;

    /// <summary>Classes whose prompts go through the text tower every step.</summary>
    [Params(10, 100)]
    public int Classes { get; set; } = 10;

    /// <summary>The method under test.</summary>
    [ParamsSource(nameof(Methods))]
    public string PromptMethod { get; set; } = "maple";

    /// <summary>The trainable methods.</summary>
    public static IEnumerable<string> Methods => PromptMethodCatalog.Trainable;

    [GlobalSetup]
    public void Setup()
    {
        var workload = _workload = PromptWorkloads.TrainingStep(PromptMethod, Precision, Classes);
        // Warm first (VPT computes its fixed class text features once, then reuses them), then count one forward: the
        // counter adds the gradient products the recorded graph will need.
        using (TorchSharp.torch.NewDisposeScope()) workload.Loss();
        CountedFlops.Record(this, workload.Clip.Model, () =>
        {
            using var scope = TorchSharp.torch.NewDisposeScope();
            workload.Loss();
        });
    }

    /// <summary>
    /// The method's training loss (with its frozen teacher, for PromptSRC/KgCoOp/ProGrad) and its backward (ProGrad's
    /// projection included); gradients accumulate (as costly as a zeroed step).
    /// </summary>
    [Benchmark]
    public float ForwardBackward() => _workload!.ForwardBackward();

    [GlobalCleanup]
    public void Cleanup() => _workload?.Dispose();
}
