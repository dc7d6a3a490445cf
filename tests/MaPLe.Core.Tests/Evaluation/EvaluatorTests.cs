using MaPLe.Evaluation;
using MaPLe.Prompting;
using MaPLe.Tests.Training;
using MaPLe.ToyWorld;
using MaPLe.Training;
using static TorchSharp.torch;

namespace MaPLe.Tests.Evaluation;

/// <summary>Evaluation on the tiny CLIP: predictions, text features computed once, class switching, protocols.</summary>
public sealed class EvaluatorTests
{
    [Fact]
    public async Task ConfusionMatrixMatchesArgmaxOfTheLearnersLogits()
    {
        using var data = new SyntheticData(classes: 3, perClass: 5);
        using var tuner = TinyTuners.Create(data.ClassNames);
        var expected = new long[3, 3];
        using (no_grad())
        using (var scope = NewDisposeScope())
        {
            var predicted = tuner.Learner.Forward(data.Images).Logits.argmax(1).data<long>().ToArray();
            var labels = data.Labels.data<long>().ToArray();
            for (int i = 0; i < labels.Length; i++) expected[labels[i], predicted[i]]++;
        }

        var progress = new List<EvaluationProgress>();
        var report = await tuner.EvaluateAsync(new TensorBatchSource(data.Images, data.Labels, batchSize: 4), new SyncProgress<EvaluationProgress>(progress.Add));

        Assert.Equal(expected, report.Confusion.ToArray());
        Assert.Equal(15, report.SampleCount);
        Assert.Equal(data.ClassNames, report.ClassNames);
        Assert.Equal([1, 2, 3, 4], progress.Select(p => p.Batch));
        Assert.Equal([4L, 8L, 12L, 15L], progress.Select(p => p.Samples));
        Assert.Equal(report.Accuracy, progress[^1].Accuracy);
    }

    [Fact]
    public async Task ClassTextFeaturesAreEncodedOncePerEvaluationNotPerBatch()
    {
        using var data = new SyntheticData(classes: 3, perClass: 5);
        var options = new CountingMaPLeOptions();
        using var tuner = TinyTuners.Create(data.ClassNames, options);
        var learner = options.Backbone!;
        int before = learner.TextEncodings;

        await tuner.EvaluateAsync(new TensorBatchSource(data.Images, data.Labels, batchSize: 2));   // 8 batches
        Assert.Equal(before + 1, learner.TextEncodings);
        await tuner.EvaluateAsync(new TensorBatchSource(data.Images, data.Labels, batchSize: 3));   // prompts unchanged: cached
        Assert.Equal(before + 1, learner.TextEncodings);

        await tuner.FitAsync(new TensorBatchSource(data.Images, data.Labels, batchSize: 15), new TrainingOptions { IntraOpThreads = 1, Epochs = 1, LogEverySteps = 0 });
        int afterTraining = learner.TextEncodings;
        await tuner.EvaluateAsync(new TensorBatchSource(data.Images, data.Labels, batchSize: 2));   // prompts changed: once more
        Assert.Equal(afterTraining + 1, learner.TextEncodings);
    }

    [Fact]
    public async Task LabelsBeyondTheClassesAreReported()
    {
        using var data = new SyntheticData(classes: 3, perClass: 1);
        using var tuner = TinyTuners.Create(data.ClassNames.Take(2));
        var e = await Assert.ThrowsAsync<ArgumentException>(() => tuner.EvaluateAsync(new TensorBatchSource(data.Images, data.Labels, 3)));
        Assert.Contains("SetClassNames", e.Message);
    }

    [Fact]
    public async Task Base2NovelSwitchesClassesEvaluatesBothAndRestores()
    {
        var split = ToyWorldSplits.Create(seed: 2, baseCount: 3, novelCount: 2);
        var baseSet = new ToyWorldDataset(new ToyWorldDatasetOptions { Name = "Toy-base", Classes = split.BaseClasses, TrainPerClass = 0, ValPerClass = 0, TestPerClass = 2 });
        var novelSet = new ToyWorldDataset(new ToyWorldDatasetOptions { Name = "Toy-novel", Classes = split.NovelClasses, TrainPerClass = 0, ValPerClass = 0, TestPerClass = 2 });
        using var tuner = TinyTuners.Create(baseSet.ClassNames);
        var evaluation = new EvaluationOptions { BatchSize = 4, DataWorkers = 1 };

        var result = await tuner.EvaluateBase2NovelAsync(baseSet, novelSet, evaluation);

        Assert.Equal(baseSet.ClassNames, tuner.ClassNames);
        Assert.Equal((6L, 4L), (result.Base.SampleCount, result.Novel.SampleCount));
        Assert.Equal(novelSet.ClassNames, result.Novel.ClassNames);
        Assert.Equal(("Toy-base", "Toy-novel"), (result.Base.Dataset, result.Novel.Dataset));
        Assert.Equal(Metrics.HarmonicMean(result.BaseAccuracy, result.NovelAccuracy), result.HarmonicMean);

        // The novel report equals evaluating after switching the classes by hand.
        tuner.SetClassNames(novelSet.ClassNames);
        var direct = await tuner.EvaluateAsync(novelSet.Test, evaluation);
        Assert.Equal(direct.Confusion.ToArray(), result.Novel.Confusion.ToArray());

        tuner.SetClassNames(baseSet.ClassNames);
        var transfer = await tuner.EvaluateTransferAsync("MaPLe", baseSet, [novelSet, baseSet], evaluation);
        Assert.Equal(result.BaseAccuracy, transfer.Source!.Accuracy);
        Assert.Equal((result.NovelAccuracy + result.BaseAccuracy) / 2, transfer.TargetAverage, 12);
        Assert.Contains("| MaPLe  |", ResultsTable.Transfer([transfer]));
        Assert.Equal(baseSet.ClassNames, tuner.ClassNames);
    }
}
