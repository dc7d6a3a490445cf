using MaPLe.Clip;
using MaPLe.Prompting.MaPLe;
using MaPLe.Training;
using TorchSharp;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace MaPLe.Tests.Training;

/// <summary>
/// No native-memory growth across steps: live tensors (process-wide and those created on the training thread) are the
/// same after 300 steps as after 30, and a finished run leaves none behind.
/// </summary>
[Collection("Sequential")]   // process-wide tensor counts: nothing else may run meanwhile
public sealed class MemoryStabilityTests(ITestOutputHelper output)
{
    [Fact]
    public async Task LiveTensorCountsAreFlatFromStep30ToStep300()
    {
        // A micro CLIP (2+2 layers, width 32, 16 px) keeps 300 steps to a few seconds; the loop's code path is the same.
        var config = new ClipConfig(new ClipVisionConfig(32, 2, 1, 8, 16), new ClipTextConfig(32, 2, 1, 77, 49408), 16);
        using var backbone = ClipBackbone.CreateRandom(config, seed: 1);
        using var data = new SyntheticData(classes: 2, perClass: 1, resolution: 16);
        using var tuner = TinyTuners.Create(data.ClassNames, new MaPLeOptions { PromptLength = 2, PromptDepth = 2 }, backbone: backbone);
        var batches = Enumerable.Repeat((data.Images, data.Labels), 300).ToList();
        var at = new Dictionary<long, (long Total, long Thread, long WorkingSet)>();
        var sample = new SyncProgress<TrainingProgress>(p =>
        {
            if (p.GlobalStep is 30 or 300)
                at[p.GlobalStep] = (Tensor.TotalCount, DisposeScopeManager.Statistics.ThreadTotalLiveCount, Environment.WorkingSet);
        });
        GC.Collect();
        GC.WaitForPendingFinalizers();
        long before = Tensor.TotalCount;

        var result = await tuner.FitAsync(batches, new TrainingOptions { IntraOpThreads = 1, Epochs = 1, WarmupEpochs = 0, LearningRate = 1e-3, LogEverySteps = 0 }, sample);

        long after = Tensor.TotalCount;
        output.WriteLine($"{result.Duration.TotalMilliseconds / result.StepsRun:F1} ms/step; live tensors before {before}, step 30 {at[30].Total}, step 300 {at[300].Total}, after {after}; " +
                         $"thread live {at[30].Thread} -> {at[300].Thread}; working set {at[30].WorkingSet / 1048576} -> {at[300].WorkingSet / 1048576} MiB");
        Assert.Equal(300, result.StepsRun);
        Assert.True(at[300].Total <= at[30].Total, $"live tensors grew from {at[30].Total} (step 30) to {at[300].Total} (step 300)");
        Assert.Equal(at[30].Thread, at[300].Thread);
        Assert.True(after <= before, $"{after - before} tensors outlived the run");
    }
}
