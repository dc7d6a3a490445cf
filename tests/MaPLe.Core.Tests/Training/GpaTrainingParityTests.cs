using MaPLe.Tests.TestSupport;
using MaPLe.Training;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace MaPLe.Tests.Training;

/// <summary>
/// Every <c>gpa/</c> run: PromptSRC trained through the trainer for its epochs, GPA invoked at each epoch end — the step
/// losses and components (1e-3) and the aggregated prompts the learner holds afterwards (1e-4); and the same run cancelled
/// mid-way and resumed from its checkpoint ends with the same aggregate (the running sum is part of the checkpoint).
/// </summary>
[Trait("Category", "Parity")]
public sealed class GpaTrainingParityTests(ITestOutputHelper output)
{
    public static TheoryData<string> Runs() => FixtureRun.Rows("gpa").OrPlaceholder("gpa/");

    [Theory]
    [MemberData(nameof(Runs))]
    public async Task TrainingEndsWithTheReferenceAggregate(string row)
    {
        if (FixtureTheory.IsPlaceholder(row)) return;
        using var run = FixtureRun.Open(row);
        using var tuner = TinyTuners.Create(run.Case.ClassNames, CaseLearners.Options(run.Case));
        tuner.Learner.LoadStateDict(run.Start.Tensors, "start.safetensors");

        var result = await tuner.FitAsync(run.Batches(), run.Options());

        run.AssertLosses(result.History, output);
        run.AssertParameters(tuner.Learner.StateDict(), output, "GPA aggregate");
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public async Task AResumedRunEndsWithTheSameAggregate(string row)
    {
        if (FixtureTheory.IsPlaceholder(row)) return;
        using var run = FixtureRun.Open(row);
        using var dir = new TempDir();
        using var tuner = TinyTuners.Create(run.Case.ClassNames, CaseLearners.Options(run.Case));
        tuner.Learner.LoadStateDict(run.Start.Tensors, "start.safetensors");
        var options = run.Options() with { CheckpointDirectory = dir.Path, AutoResume = true };
        int stopAfter = run.Epochs / 2 * run.BatchesPerEpoch;

        using (var cancel = new CancellationTokenSource())
        {
            var progress = new SynchronousProgress<TrainingProgress>(p => { if (p.GlobalStep == stopAfter) cancel.Cancel(); });
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => tuner.FitAsync(run.Batches(), options, progress, cancel.Token));
        }
        using (var checkpoint = TrainingCheckpoint.Load(dir.Path))
        {
            Assert.Equal(run.Epochs / 2, checkpoint.Info.NextEpoch);
            Assert.NotEmpty(checkpoint.LearnerState);
        }

        var result = await tuner.FitAsync(run.Batches(), options);

        Assert.NotNull(result.ResumedFrom);
        run.AssertParameters(tuner.Learner.StateDict(), output, "GPA aggregate after resuming");
        using var saved = new TensorSet(MaPLe.Checkpoints.SafeTensors.Load(result.PromptsPath!));
        foreach (var (name, value) in tuner.Learner.StateDict())
            TensorAssert.Close(saved[name], value, 0, $"{row} saved prompt file {name}");
    }
}
