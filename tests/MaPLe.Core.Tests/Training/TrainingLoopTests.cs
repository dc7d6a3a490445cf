using MaPLe.Clip;
using MaPLe.Evaluation;
using MaPLe.Prompting.MaPLe;
using MaPLe.Tests.TestSupport;
using MaPLe.ToyWorld;
using MaPLe.Training;
using MaPLe.Tuning;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace MaPLe.Tests.Training;

/// <summary>The training loop on the tiny CLIP: learning, history, progress and logs, data paths, bf16, argument handling.</summary>
[Collection("Sequential")]   // the learning test depends on seeded prompt initialisation (torch's RNG is process-global)
public sealed class TrainingLoopTests(ITestOutputHelper output)
{
    [Fact]
    public async Task LossFallsAndAccuracyRisesOnSeparableData()
    {
        using var data = new SyntheticData(classes: 3, perClass: 4);
        using var tuner = TinyTuners.Create(data.ClassNames, new MaPLeOptions { PromptLength = 2, PromptDepth = 3 });
        var source = new TensorBatchSource(data.Images, data.Labels, batchSize: 4, shuffle: true, dropLast: true, seed: 1);
        var options = new TrainingOptions { IntraOpThreads = 1, Epochs = 6, LearningRate = 0.5, WarmupEpochs = 0, LogEverySteps = 0 };

        var before = await tuner.EvaluateAsync(new TensorBatchSource(data.Images, data.Labels, batchSize: 12));
        var result = await tuner.FitAsync(source, options);
        var after = await tuner.EvaluateAsync(new TensorBatchSource(data.Images, data.Labels, batchSize: 12));

        foreach (var e in result.History.Epochs)
            output.WriteLine($"epoch {e.Epoch}: loss {e.MeanLoss:F4} acc {e.Accuracy:F1} lr {e.LearningRate:G4}");
        output.WriteLine($"fit {result.Duration.TotalMilliseconds / result.StepsRun:F1} ms/step; accuracy {before.Accuracy:F1}% -> {after.Accuracy:F1}%");
        Assert.Equal(6, result.History.Epochs.Count);
        Assert.Equal(6 * 3, result.History.Steps.Count);
        var first = result.History.Epochs[0];
        var last = result.History.Epochs[^1];
        Assert.True(last.MeanLoss < 0.75 * first.MeanLoss, $"mean loss {first.MeanLoss:F4} -> {last.MeanLoss:F4}");
        Assert.True(last.Accuracy > first.Accuracy, $"training accuracy {first.Accuracy:F1}% -> {last.Accuracy:F1}%");
        Assert.True(after.Accuracy > before.Accuracy, $"accuracy {before.Accuracy:F1}% -> {after.Accuracy:F1}%");
        Assert.Equal(result.FinalLoss, last.MeanLoss);
    }

    [Fact]
    public async Task ProgressHistoryAndLogLinesDescribeEveryStep()
    {
        using var data = new SyntheticData(classes: 3, perClass: 4);
        var logs = new RecordingLoggerFactory();
        using var tuner = TinyTuners.Create(data.ClassNames, loggerFactory: logs);
        var reports = new List<TrainingProgress>();
        var options = new TrainingOptions { IntraOpThreads = 1, Epochs = 2, LearningRate = 0.01, LogEverySteps = 2 };

        var result = await tuner.FitAsync(new TensorBatchSource(data.Images, data.Labels, 4), options, new SyncProgress<TrainingProgress>(reports.Add));

        Assert.Equal(Enumerable.Range(1, 6).Select(i => (long)i), reports.Select(r => r.GlobalStep));
        Assert.Equal([1, 1, 1, 2, 2, 2], reports.Select(r => r.Epoch));
        Assert.Equal([1, 2, 3, 1, 2, 3], reports.Select(r => r.Step));
        Assert.All(reports, r => Assert.Equal((2, 3, 6L), (r.Epochs, r.StepsPerEpoch, r.TotalSteps)));
        Assert.Equal([1e-5, 1e-5, 1e-5, 0.01, 0.01, 0.01], reports.Select(r => r.LearningRate));
        Assert.Equal(result.History.Steps.Select(s => s.Loss), reports.Select(r => r.Loss));
        Assert.All(reports, r => Assert.True(r.ImagesPerSecond > 0 && double.IsFinite(r.Loss) && r.Accuracy is >= 0 and <= 100));
        Assert.Equal(TimeSpan.Zero, reports[^1].Eta);

        Assert.Equal(2, result.History.Epochs.Count);
        Assert.Equal(result.History.Steps.Take(3).Average(s => s.Loss), result.History.Epochs[0].MeanLoss, 12);
        Assert.Equal(result.History.Steps.Take(3).Sum(s => s.Accuracy * s.Images) / 12, result.History.Epochs[0].Accuracy, 9);
        Assert.Equal(7, result.History.StepsToCsv().Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.StartsWith("epoch,mean_loss,accuracy,lr", result.History.EpochsToCsv());

        var lines = logs.Entries.Where(e => e.Category == "MaPLe.Training.PromptTrainer").Select(e => e.Message).ToList();
        Assert.Contains(lines, l => l.StartsWith("Training maple", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("epoch [1/2] batch [2/3] loss", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("epoch [2/2] batch [3/3] loss", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.StartsWith("epoch [1/2] batch [1/3]", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("epoch [2/2] done: mean loss", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("Finish training: 6 steps", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("epoch [2/2] batch [3/3]", StringComparison.Ordinal) && l.EndsWith("eta 0:00:00", StringComparison.Ordinal));

        await tuner.EvaluateAsync(new TensorBatchSource(data.Images, data.Labels, 4));
        Assert.Contains(logs.Entries, e => e.Category == "MaPLe.Evaluation.PromptEvaluator" && e.Message.StartsWith("Evaluated data: 12 images over 3 classes, accuracy", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TrainsAndEvaluatesToyWorldImagesThroughTheLoader()
    {
        var split = ToyWorldSplits.Create(seed: 1, baseCount: 3, novelCount: 2);
        var train = new ToyWorldDataset(new ToyWorldDatasetOptions { Classes = split.BaseClasses, TrainPerClass = 3, ValPerClass = 0, TestPerClass = 2 });
        var other = new ToyWorldDataset(new ToyWorldDatasetOptions { Classes = split.NovelClasses, TrainPerClass = 1, ValPerClass = 0, TestPerClass = 1 });
        using var tuner = TinyTuners.Create(train.ClassNames);
        var options = TrainingPresets.MaPLeBaseToNovel with { IntraOpThreads = 1, Epochs = 2, DataWorkers = 2, LogEverySteps = 0 };

        var result = await tuner.FitAsync(train, options);
        var report = await tuner.EvaluateAsync(train.Test, new EvaluationOptions { BatchSize = 4, DataWorkers = 2 });

        // 9 images in batches of 4 with drop_last: 2 steps per epoch.
        Assert.Equal(4, result.History.Steps.Count);
        Assert.All(result.History.Steps, s => Assert.Equal(4, s.Images));
        Assert.Equal(6, report.SampleCount);
        Assert.Equal(train.ClassNames, report.ClassNames);
        Assert.Throws<ArgumentException>(() => { _ = tuner.FitAsync(other, options); });
    }

    [Fact]
    public async Task BFloat16ComputeTrainsWithFiniteLossAndFloat32Prompts()
    {
        using var data = new SyntheticData(classes: 3, perClass: 4);
        using var tuner = new PromptTunerBuilder()
            .UseBackbone(Fixtures.TinyOpenAiWeights)
            .UseComputeDType(ScalarType.BFloat16)
            .UseTokenizer(CaseLearners.Tokenizer)
            .UseMaPLe(o => o with { PromptDepth = 3 })
            .UseClassNames(data.ClassNames)
            .Build();
        Assert.Equal(ScalarType.BFloat16, tuner.Backbone.ComputeDType);
        var before = TinyTuners.Snapshot(tuner);

        var result = await tuner.FitAsync(new TensorBatchSource(data.Images, data.Labels, 4),
            new TrainingOptions { IntraOpThreads = 1, Epochs = 1, WarmupEpochs = 0, LearningRate = 0.05, LogEverySteps = 0 });

        output.WriteLine(string.Join(", ", result.History.Steps.Select(s => s.Loss.ToString("F4"))));
        Assert.Equal(3, result.History.Steps.Count);
        Assert.All(result.History.Steps, s => Assert.True(double.IsFinite(s.Loss) && s.Loss > 0));
        Assert.All(tuner.Learner.StateDict().Values, p => Assert.Equal(ScalarType.Float32, p.dtype));
        var after = TinyTuners.Snapshot(tuner);
        Assert.True(TinyTuners.MaxAbsDiff(before, after) > 0, "the prompts did not move");
        TinyTuners.DisposeAll(before);
        TinyTuners.DisposeAll(after);
    }

    [Fact]
    public async Task ArgumentsAndStateAreChecked()
    {
        using var data = new SyntheticData(classes: 3, perClass: 1);
        using var tuner = TinyTuners.Create(data.ClassNames);
        var source = new TensorBatchSource(data.Images, data.Labels, 1);
        Assert.Throws<ArgumentException>(() => { _ = tuner.FitAsync(source, new TrainingOptions { IntraOpThreads = 1, Epochs = 0 }); });
        Assert.Throws<ArgumentNullException>(() => { _ = tuner.FitAsync((IBatchSource)null!); });

        // drop_last with fewer images than a batch: no step at all.
        var empty = new TensorBatchSource(data.Images, data.Labels, batchSize: 4, dropLast: true);
        await Assert.ThrowsAsync<InvalidOperationException>(() => tuner.FitAsync(empty, new TrainingOptions { IntraOpThreads = 1, Epochs = 1 }));

        // One job at a time: a second call while the first is inside a step is refused.
        using var inside = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var blocking = new SyncProgress<TrainingProgress>(_ => { inside.Set(); release.Wait(TimeSpan.FromSeconds(30)); });
        var first = tuner.FitAsync(source, new TrainingOptions { IntraOpThreads = 1, Epochs = 1, LogEverySteps = 0 }, blocking);
        Assert.True(inside.Wait(TimeSpan.FromSeconds(60)));
        Assert.Throws<InvalidOperationException>(() => { _ = tuner.EvaluateAsync(source); });
        release.Set();
        await first;
        var report = await tuner.EvaluateAsync(source);
        Assert.Equal(3, report.SampleCount);
    }
}
