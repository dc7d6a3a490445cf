using MaPLe.Tests.TestSupport;
using MaPLe.Training;

namespace MaPLe.Tests.Training;

/// <summary>
/// Checkpoints: a run resumed from a checkpoint (written at an epoch end, or by a cancellation mid-epoch) ends with the
/// very prompts of an uninterrupted run; cancellation stops within one batch; mismatched resumes are refused.
/// </summary>
public sealed class ResumeTests
{
    // 12 images in shuffled batches of 4: 3 steps per epoch, 12 steps; warm-up epoch then cosine.
    private static TrainingOptions Options(string checkpointDirectory) =>
        new() { IntraOpThreads = 1, Epochs = 4, LearningRate = 0.05, CheckpointDirectory = checkpointDirectory, LogEverySteps = 0, Seed = 5 };

    private static TensorBatchSource Source(SyntheticData data) => new(data.Images, data.Labels, batchSize: 4, shuffle: true, dropLast: true, seed: 5);

    [Fact]
    public async Task ResumingFromAnEpochCheckpointReachesTheUninterruptedPrompts()
    {
        using var data = new SyntheticData(classes: 3, perClass: 4);
        using var full = new TempDir();
        using var killed = new TempDir();
        using var a = TinyTuners.Create(data.ClassNames);
        // A run killed during epoch 3 leaves the checkpoint written at the end of epoch 2: copy it when step 7 reports.
        var copyAtStep7 = new SyncProgress<TrainingProgress>(p =>
        {
            if (p.GlobalStep == 7)
                File.Copy(Path.Combine(full.Path, TrainingCheckpoint.FileName), killed.File(TrainingCheckpoint.FileName));
        });
        var uninterrupted = await a.FitAsync(Source(data), Options(full.Path), copyAtStep7);
        var expected = TinyTuners.Snapshot(a);

        using var c = TinyTuners.Create(data.ClassNames, seed: 99);   // other initial prompts: all replaced by the checkpoint
        var resumed = await c.FitAsync(Source(data), Options(killed.Path) with { AutoResume = true });
        var actual = TinyTuners.Snapshot(c);

        Assert.Equal(killed.File(TrainingCheckpoint.FileName), resumed.ResumedFrom);
        Assert.Equal(6, resumed.StepsRun);
        Assert.Equal(0.0, TinyTuners.MaxAbsDiff(expected, actual));
        Assert.Equal(uninterrupted.History.Steps.Select(s => s.Loss), resumed.History.Steps.Select(s => s.Loss));
        Assert.Equal(uninterrupted.History.Epochs.Select(e => e.MeanLoss), resumed.History.Epochs.Select(e => e.MeanLoss));
        Assert.True(File.Exists(killed.File(TrainingCheckpoint.PromptsFileName)));
        TinyTuners.DisposeAll(expected);
        TinyTuners.DisposeAll(actual);
    }

    [Fact]
    public async Task CancellationStopsWithinABatchAndLeavesAResumableCheckpoint()
    {
        using var data = new SyntheticData(classes: 3, perClass: 4);
        using var reference = new TempDir();
        using var cancelled = new TempDir();
        using var a = TinyTuners.Create(data.ClassNames);
        var start = TinyTuners.Snapshot(a);
        await a.FitAsync(Source(data), Options(reference.Path));
        var expected = TinyTuners.Snapshot(a);

        using var b = TinyTuners.Create(data.ClassNames, seed: 11);
        b.Learner.LoadStateDict(start);
        using var cts = new CancellationTokenSource();
        long lastReported = 0;
        var cancelAtStep5 = new SyncProgress<TrainingProgress>(p =>
        {
            lastReported = p.GlobalStep;
            if (p.GlobalStep == 5) cts.Cancel();
        });
        var task = b.FitAsync(Source(data), Options(cancelled.Path), cancelAtStep5, cts.Token);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => task);
        Assert.True(task.IsCanceled);
        Assert.Equal(5, lastReported);   // no step ran after the cancellation

        using (var checkpoint = TrainingCheckpoint.Load(cancelled.Path))
        {
            Assert.Equal((1, 2, 5L, false), (checkpoint.Info.NextEpoch, checkpoint.Info.NextStep, checkpoint.Info.GlobalStep, checkpoint.Info.Completed));
            Assert.Equal(5, checkpoint.History.Steps.Count);
            Assert.Single(checkpoint.History.Epochs);
            Assert.Equal(b.Learner.StateDict().Keys.Order(), checkpoint.MomentumBuffers.Keys.Order());
            Assert.NotNull(checkpoint.RngState);
            var now = TinyTuners.Snapshot(b);
            Assert.Equal(0.0, TinyTuners.MaxAbsDiff(now, checkpoint.Prompts));
            TinyTuners.DisposeAll(now);
        }

        using var c = TinyTuners.Create(data.ClassNames, seed: 12);
        var resumed = await c.FitAsync(Source(data), Options(cancelled.Path) with { ResumeFrom = cancelled.Path });
        var actual = TinyTuners.Snapshot(c);
        Assert.Equal(7, resumed.StepsRun);
        Assert.Equal(12, resumed.History.Steps.Count);
        Assert.Equal(0.0, TinyTuners.MaxAbsDiff(expected, actual));
        foreach (var d in new[] { start, expected, actual }) TinyTuners.DisposeAll(d);
    }

    [Fact]
    public async Task ResumeIsRefusedWhenTheRunDiffersAndIsANoOpWhenComplete()
    {
        using var data = new SyntheticData(classes: 3, perClass: 4);
        using var dir = new TempDir();
        using var tuner = TinyTuners.Create(data.ClassNames);
        var options = Options(dir.Path) with { Epochs = 1 };
        await tuner.FitAsync(Source(data), options);

        var e = await Assert.ThrowsAsync<TrainingCheckpointException>(() =>
            tuner.FitAsync(Source(data), options with { ResumeFrom = dir.Path, Epochs = 2, LearningRate = 0.07 }));
        Assert.Contains("'Epochs' is 1 in the checkpoint but 2 now", e.Message);
        Assert.Contains("'Schedule'", e.Message);

        using var other = TinyTuners.Create(["cat", "dog", "bird"]);
        var classes = await Assert.ThrowsAsync<TrainingCheckpointException>(() => other.FitAsync(Source(data), options with { ResumeFrom = dir.Path }));
        Assert.Contains("'ClassNames'", classes.Message);

        var missing = await Assert.ThrowsAsync<TrainingCheckpointException>(() =>
            tuner.FitAsync(Source(data), options with { ResumeFrom = Path.Combine(dir.Path, "nope.safetensors") }));
        Assert.Contains("nope.safetensors", missing.Message);

        var again = await tuner.FitAsync(Source(data), options with { ResumeFrom = dir.Path });
        Assert.Equal(0, again.StepsRun);
        Assert.Equal(3, again.History.Steps.Count);
    }
}
