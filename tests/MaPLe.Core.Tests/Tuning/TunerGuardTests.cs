using MaPLe.Tests.Training;
using MaPLe.Tests.TestSupport;
using MaPLe.Training;
using MaPLe.Tuning;
using static TorchSharp.torch;

namespace MaPLe.Tests.Tuning;

/// <summary>While a fit runs, every tuner member that reads or changes the prompts refuses with a clear message.</summary>
public sealed class TunerGuardTests
{
    [Fact]
    public async Task EveryPromptMemberIsRefusedWhileAFitRunsAndWorksAfterwards()
    {
        using var data = new SyntheticData(classes: 3, perClass: 1);
        using var tuner = TinyTuners.Create(data.ClassNames);
        var source = new TensorBatchSource(data.Images, data.Labels, 1);
        string prompts = Path.Combine(Path.GetTempPath(), $"maple-guard-{Guid.NewGuid():N}.safetensors");
        tuner.SavePrompts(prompts);
        try
        {
            using var inside = new ManualResetEventSlim();
            using var release = new ManualResetEventSlim();
            var blocking = new SyncProgress<TrainingProgress>(_ => { inside.Set(); release.Wait(TimeSpan.FromSeconds(60)); });
            var fit = tuner.FitAsync(source, new TrainingOptions { IntraOpThreads = 1, Epochs = 1, LogEverySteps = 0 }, blocking);
            Assert.True(inside.Wait(TimeSpan.FromSeconds(120)));
            try
            {
                var refused = new (string Member, Action Call)[]
                {
                    ("PromptTuner.Logits", () => tuner.Logits(data.Images)),
                    ("PromptTuner.Logits", () => tuner.Probabilities(data.Images)),
                    ("PromptTuner.TextFeatures", () => tuner.TextFeatures()),
                    ("PromptTuner.SetClassNames", () => tuner.SetClassNames(data.ClassNames.Reverse())),
                    ("PromptTuner.LoadPrompts", () => tuner.LoadPrompts(prompts)),
                    ("PromptTuner.SavePrompts", () => tuner.SavePrompts(prompts + ".other")),
                    ("FitAsync", () => _ = tuner.FitAsync(source, new TrainingOptions { IntraOpThreads = 1, Epochs = 1 })),
                    ("EvaluateAsync", () => _ = tuner.EvaluateAsync(source)),
                    ("PromptTuner.Dispose", tuner.Dispose),
                };
                foreach (var (member, call) in refused)
                {
                    var e = Assert.Throws<InvalidOperationException>(call);
                    Assert.StartsWith(member + " cannot run while FitAsync is running", e.Message);
                    Assert.Contains("await", e.Message);
                }
            }
            finally
            {
                release.Set();
                await fit;
            }

            // The fit is over: everything works, and the refused calls changed nothing.
            Assert.Equal(data.ClassNames, tuner.ClassNames);
            using var logits = tuner.Logits(data.Images);
            Assert.Equal([3L, 3L], logits.shape);
            tuner.LoadPrompts(prompts);
            Assert.False(File.Exists(prompts + ".other"));
        }
        finally
        {
            File.Delete(prompts);
        }
    }

    [Fact]
    public void PromptChangesThroughTheLearnerReachTheLogitsWithoutInvalidation()
    {
        using var data = new SyntheticData(classes: 3, perClass: 1);
        using var tuner = TinyTuners.Create(data.ClassNames);
        using var before = tuner.Logits(data.Images);
        long version = tuner.Learner.PromptVersion;

        // Changing the prompts through the public learner (not through the tuner) used to leave stale cached features.
        var shifted = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        using (var scope = NewDisposeScope())
        {
            foreach (var (name, p) in tuner.Learner.StateDict())
                shifted[name] = (p.detach() + 0.5).DetachFromDisposeScope();
        }
        tuner.Learner.LoadStateDict(shifted);
        Assert.True(tuner.Learner.PromptVersion > version);
        using var after = tuner.Logits(data.Images);
        Assert.True(TensorAssert.MaxAbsDiff(before, after) > 1e-3, "the logits must follow the new prompts");
        TinyTuners.DisposeAll(shifted);

        version = tuner.Learner.PromptVersion;
        tuner.SetClassNames(data.ClassNames.Reverse());
        Assert.True(tuner.Learner.PromptVersion > version);
    }
}
