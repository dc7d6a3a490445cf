using MaPLe.Tests.TestSupport;
using MaPLe.Training;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace MaPLe.Tests.Training;

/// <summary>A NaN/Inf loss stops training with an exception naming epoch and step and leaves the last finite-loss prompts.</summary>
public sealed class NonFiniteLossTests(ITestOutputHelper output)
{
    private static readonly TrainingOptions Constant = new() { Epochs = 1, WarmupEpochs = 0, LearningRate = 0.05, LogEverySteps = 0 };

    [Fact]
    public async Task InjectedNaNStopsAtItsStepAndRestoresTheLastFiniteLossState()
    {
        using var data = new SyntheticData(classes: 3, perClass: 4);
        using var b0 = data.Images[..4];
        using var b1 = data.Images[4..8];
        using var b2 = data.Images[8..12].clone();
        b2[0, 0, 0, 0] = tensor(float.NaN);
        using var l0 = data.Labels[..4];
        using var l1 = data.Labels[4..8];
        using var l2 = data.Labels[8..12];
        using var tuner = TinyTuners.Create(data.ClassNames);
        var start = TinyTuners.Snapshot(tuner);

        var e = await Assert.ThrowsAsync<NonFiniteLossException>(() => tuner.FitAsync([(b0, l0), (b1, l1), (b2, l2)], Constant));

        Assert.Equal((1, 3, 3L, "loss"), (e.Epoch, e.Step, e.GlobalStep, e.Quantity));
        Assert.Contains("epoch 1, step 3", e.Message);
        Assert.True(double.IsNaN(e.Value));
        // Step 2's loss was the last finite one: the prompts are back to what step 2 started from (after step 1).
        using var reference = TinyTuners.Create(data.ClassNames, seed: 3);
        reference.Learner.LoadStateDict(start);
        await reference.FitAsync([(b0, l0)], Constant);
        var expected = TinyTuners.Snapshot(reference);
        var actual = TinyTuners.Snapshot(tuner);
        Assert.Equal(0.0, TinyTuners.MaxAbsDiff(expected, actual));
        // The tuner is usable again.
        var report = await tuner.EvaluateAsync([(b0, l0)]);
        Assert.Equal(4, report.SampleCount);
        foreach (var d in new[] { start, expected, actual }) TinyTuners.DisposeAll(d);
    }

    [Fact]
    public async Task AbsurdLearningRateDivergesAndKeepsFinitePrompts()
    {
        using var data = new SyntheticData(classes: 3, perClass: 4);
        using var dir = new TempDir();
        using var tuner = TinyTuners.Create(data.ClassNames);
        var source = new TensorBatchSource(data.Images, data.Labels, batchSize: 4);

        var e = await Assert.ThrowsAsync<NonFiniteLossException>(() =>
            tuner.FitAsync(source, Constant with { Epochs = 3, LearningRate = 1e30, CheckpointDirectory = dir.Path }));

        output.WriteLine(e.Message);
        Assert.Contains($"epoch {e.Epoch}, step {e.Step}", e.Message);
        Assert.True(e.GlobalStep >= 2);
        Assert.All(tuner.Learner.StateDict(), kv =>
        {
            using var finite = kv.Value.isfinite().all();
            Assert.True(finite.item<bool>(), $"{kv.Key} is not finite");
        });
        using var logits = tuner.Logits(data.Images);
        using var finiteLogits = logits.isfinite().all();
        Assert.True(finiteLogits.item<bool>());
        Assert.False(File.Exists(dir.File(TrainingCheckpoint.PromptsFileName)));
    }
}
