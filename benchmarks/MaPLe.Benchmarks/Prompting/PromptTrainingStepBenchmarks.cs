using BenchmarkDotNet.Attributes;
using MaPLe.Benchmarks.Reporting;
using MaPLe.Clip;
using MaPLe.Prompting;
using static TorchSharp.torch;

namespace MaPLe.Benchmarks.Prompting;

/// <summary>
/// One training step (forward over all classes, cross-entropy, backward to the prompts) per method on a ViT-B/16-shaped
/// CLIP with random weights: batch 4 at 224×224, 10 or 100 classes.
/// </summary>
[Config(typeof(PromptBenchmarkConfig))]
[MemoryDiagnoser]
public class PromptTrainingStepBenchmarks
{
    private ClipBackbone? _clip;
    private IPromptLearner? _learner;
    private Tensor? _images;
    private Tensor? _labels;

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
        _clip = ClipBackbone.CreateRandom(ClipConfig.VitB16, options: PromptMethodCatalog.Backbone(Precision));
        manual_seed(0);
        _learner = PromptMethodCatalog.Options(PromptMethod).CreateLearner(_clip, PromptMethodCatalog.Tokenizer(), PromptMethodCatalog.Classes(Classes));
        _learner.SetTraining(true);
        _images = randn(4, 3, 224, 224);
        _labels = tensor(new long[] { 0, 3, 6, 9 });   // valid for 10 and 100 classes
        // Warm first (VPT computes its fixed class text features once, then reuses them), then count one forward: the
        // counter adds the gradient products the recorded graph will need.
        using (NewDisposeScope()) _learner.ComputeTrainingLoss(_images, _labels);
        CountedFlops.Record(this, () =>
        {
            using var scope = NewDisposeScope();
            _learner.ComputeTrainingLoss(_images, _labels);
        });
    }

    /// <summary>
    /// The method's training loss (with its frozen teacher, for PromptSRC/KgCoOp/ProGrad) and its backward (ProGrad's
    /// projection included); gradients accumulate (as costly as a zeroed step).
    /// </summary>
    [Benchmark]
    public float ForwardBackward()
    {
        using var scope = NewDisposeScope();
        var loss = _learner!.ComputeTrainingLoss(_images!, _labels!);
        _learner.Backward(loss);
        return loss.Total.item<float>();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _learner?.Dispose();
        _clip?.Dispose();
        _images?.Dispose();
        _labels?.Dispose();
    }
}
