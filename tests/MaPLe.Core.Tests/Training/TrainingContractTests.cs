using MaPLe.Clip;
using MaPLe.Prompting;
using MaPLe.Prompting.MaPLe;
using MaPLe.Tests.TestSupport;
using MaPLe.Training;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MaPLe.Tests.Training;

/// <summary>
/// The learner's training contract, exercised without the tuner facade: a method's own loss terms, its backward, its
/// epoch hooks, and the trainer's report of the terms.
/// </summary>
public sealed class TrainingContractTests
{
    [Fact]
    public async Task TrainerUsesTheLearnersLossBackwardAndHooks()
    {
        using var data = new SyntheticData(classes: 3, perClass: 2);
        using var learner = new RegularisedLearner(new MaPLeOptions { PromptLength = 2, PromptDepth = 3 }
            .CreateLearner(TinyTuners.Backbone, CaseLearners.Tokenizer, data.ClassNames));
        var progress = new List<TrainingProgress>();
        var trainer = new PromptTrainer(learner, new TrainingOptions { IntraOpThreads = 1, Epochs = 2, BatchSize = 3, LogEverySteps = 0, Seed = 5 });

        var result = await trainer.FitAsync(new TensorBatchSource(data.Images, data.Labels, batchSize: 3), new SyncProgress<TrainingProgress>(progress.Add));

        Assert.Equal(4, result.StepsRun);
        Assert.Equal(4, learner.Backwards);
        Assert.Equal(["epoch 0/2", "epoch 1/2", "end"], learner.Hooks);
        Assert.All(progress, p =>
        {
            // The reported loss is the learner's total, its terms are reported by name and add up to it.
            Assert.Equal([TrainingLoss.CrossEntropy, "l2"], p.LossComponents.Keys.Order(StringComparer.Ordinal));
            // A tolerance, not rounding to 5 places: float32 loss vs double sum can straddle a rounding boundary.
            Assert.Equal(p.Loss, p.LossComponents[TrainingLoss.CrossEntropy] + p.LossComponents["l2"], 1e-5);
            Assert.True(p.LossComponents["l2"] > 0);
        });
    }

    [Fact]
    public async Task OptimizerStepsAdvanceThePromptVersion()
    {
        using var data = new SyntheticData(classes: 3, perClass: 1);
        using var learner = new MaPLeOptions { PromptLength = 2, PromptDepth = 3 }
            .CreateLearner(TinyTuners.Backbone, CaseLearners.Tokenizer, data.ClassNames);
        long before = learner.PromptVersion;
        await new PromptTrainer(learner, new TrainingOptions { IntraOpThreads = 1, Epochs = 1, LogEverySteps = 0 })
            .FitAsync(new TensorBatchSource(data.Images, data.Labels, batchSize: 1));
        Assert.True(learner.PromptVersion >= before + 3, $"3 steps must advance the version (was {before}, now {learner.PromptVersion})");
    }

    /// <summary>A method with an extra loss term (a small L2 pull on the prompts), counting backward passes and hooks.</summary>
    private sealed class RegularisedLearner(IPromptLearner inner) : IPromptLearner
    {
        public int Backwards { get; private set; }
        public List<string> Hooks { get; } = [];

        public TrainingLoss ComputeTrainingLoss(Tensor images, Tensor labels)
        {
            var output = this.Forward(images);
            var ce = nn.functional.cross_entropy(output.Logits, labels);
            var l2 = 1e-3 * stack(TrainableParameters.Select(p => p.pow(2).sum()).ToArray()).sum();
            return new TrainingLoss(ce + l2, new Dictionary<string, Tensor> { [TrainingLoss.CrossEntropy] = ce, ["l2"] = l2 }, output.Logits);
        }

        public void Backward(TrainingLoss loss)
        {
            Backwards++;
            loss.Total.backward();
        }

        public void OnEpochEnd(int epoch, int epochs) => Hooks.Add($"epoch {epoch}/{epochs}");
        public void OnTrainingEnd() => Hooks.Add("end");

        public string Method => inner.Method;
        public IClipBackbone Backbone => inner.Backbone;
        public IReadOnlyList<string> ClassNames => inner.ClassNames;
        public bool TextDependsOnImage => inner.TextDependsOnImage;
        public IReadOnlyList<Parameter> TrainableParameters => inner.TrainableParameters;
        public long TrainableParameterCount => inner.TrainableParameterCount;
        public PromptMethodOptions Options => inner.Options;
        public long PromptVersion => inner.PromptVersion;
        public void NotifyParametersChanged() => inner.NotifyParametersChanged();
        public void SetClassNames(IReadOnlyList<string> classNames) => inner.SetClassNames(classNames);
        public Tensor EncodeImages(Tensor images) => inner.EncodeImages(images);
        public Tensor EncodeClassTexts(Tensor? imageFeatures = null) => inner.EncodeClassTexts(imageFeatures);
        public IReadOnlyDictionary<string, Tensor> StateDict() => inner.StateDict();
        public void LoadStateDict(IReadOnlyDictionary<string, Tensor> state, string source = "state dict") => inner.LoadStateDict(state, source);
        public void SetTraining(bool training) => inner.SetTraining(training);
        public void Dispose() => inner.Dispose();
    }
}
