using MaPLe.Clip;
using MaPLe.Prompting;
using MaPLe.Tuning;
using static TorchSharp.torch;

namespace MaPLe.Benchmarks.Prompting;

/// <summary>
/// The computations of the prompt benchmarks, built one way for every caller: <see cref="PromptTrainingStepBenchmarks"/>
/// and <see cref="PromptInferenceBenchmarks"/> measure them, <c>profile-workload</c> runs them under a profiler. A
/// ViT-B/16-shaped CLIP with random weights (seed 0) and the method's paper options.
/// </summary>
internal static class PromptWorkloads
{
    /// <summary>Images per training step.</summary>
    public const int StepBatch = 4;

    /// <summary>Images per inference batch.</summary>
    public const int InferenceBatch = 32;

    /// <summary>Classes of an inference batch.</summary>
    public const int InferenceClasses = 100;

    /// <summary>One training step of <paramref name="method"/> over <paramref name="classes"/> classes (10 or 100), batch 4 at 224×224.</summary>
    public static TrainingStepWorkload TrainingStep(string method, string precision, int classes)
    {
        var clip = ClipBackbone.CreateRandom(ClipConfig.VitB16, options: PromptMethodCatalog.Backbone(precision));
        manual_seed(0);
        var learner = PromptMethodCatalog.Options(method).CreateLearner(clip, PromptMethodCatalog.Tokenizer(), PromptMethodCatalog.Classes(classes));
        learner.SetTraining(true);
        var images = randn(StepBatch, 3, 224, 224);
        var labels = tensor(new long[] { 0, 3, 6, 9 });   // valid for 10 and 100 classes
        return new TrainingStepWorkload(clip, learner, images, labels);
    }

    /// <summary>Inference of <paramref name="method"/> through <see cref="PromptTuner.Logits"/>: batch 32 at 224×224, 100 classes.</summary>
    public static InferenceWorkload Inference(string method, string precision)
    {
        var clip = ClipBackbone.CreateRandom(ClipConfig.VitB16, options: PromptMethodCatalog.Backbone(precision));
        var tuner = new PromptTunerBuilder()
            .UseBackbone(clip, ownsBackbone: true)
            .UseTokenizer(PromptMethodCatalog.Tokenizer())
            .UseMethod(PromptMethodCatalog.Options(method))
            .UseClassNames(PromptMethodCatalog.Classes(InferenceClasses))
            .UseSeed(0)
            .Build();
        return new InferenceWorkload(clip, tuner, randn(InferenceBatch, 3, 224, 224));
    }
}

/// <summary>A learner in training mode on a fixed batch (see <see cref="PromptWorkloads.TrainingStep"/>); owns all of it.</summary>
internal sealed class TrainingStepWorkload(ClipBackbone clip, IPromptLearner learner, Tensor images, Tensor labels) : IDisposable
{
    /// <summary>The frozen CLIP.</summary>
    public ClipBackbone Clip { get; } = clip;

    /// <summary>The method's learner.</summary>
    public IPromptLearner Learner { get; } = learner;

    /// <summary>The batch.</summary>
    public Tensor Images { get; } = images;

    /// <summary>Its labels.</summary>
    public Tensor Labels { get; } = labels;

    /// <summary>The method's training loss (with its frozen teacher where it has one), without the backward.</summary>
    public TrainingLoss Loss() => Learner.ComputeTrainingLoss(Images, Labels);

    /// <summary>
    /// The loss and its backward (ProGrad's projection included); gradients accumulate (as costly as a zeroed step).
    /// Returns the loss (the one host sync).
    /// </summary>
    public float ForwardBackward()
    {
        using var scope = NewDisposeScope();
        var loss = Loss();
        Learner.Backward(loss);
        return loss.Total.item<float>();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Learner.Dispose();
        Clip.Dispose();
        Images.Dispose();
        Labels.Dispose();
    }
}

/// <summary>A tuner and a fixed batch (see <see cref="PromptWorkloads.Inference"/>); owns both.</summary>
internal sealed class InferenceWorkload(ClipBackbone clip, PromptTuner tuner, Tensor images) : IDisposable
{
    /// <summary>The frozen CLIP (owned by <see cref="Tuner"/>).</summary>
    public ClipBackbone Clip { get; } = clip;

    /// <summary>The tuner.</summary>
    public PromptTuner Tuner { get; } = tuner;

    /// <summary>The batch.</summary>
    public Tensor Images { get; } = images;

    /// <summary>
    /// Logits of the batch: with <paramref name="cachedText"/> through <see cref="PromptTuner.Logits"/> (class text
    /// features computed once and reused); without, re-encoding the class texts as the official code's
    /// <c>CustomCLIP.forward</c> does at test time.
    /// </summary>
    public void Logits(bool cachedText)
    {
        using var scope = NewDisposeScope();
        if (cachedText)
        {
            Tuner.Logits(Images);
            return;
        }
        // The official code's path: the prompts may have changed since the last batch, so the class texts are encoded
        // again (advancing the prompt version is what an optimizer step does; the learner's cache then misses).
        using var _ = no_grad();
        Tuner.Learner.NotifyParametersChanged();
        Tuner.Learner.Forward(Images);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Tuner.Dispose();
        Images.Dispose();
    }
}
