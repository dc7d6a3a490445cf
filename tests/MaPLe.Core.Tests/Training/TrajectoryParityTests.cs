using MaPLe.Tests.TestSupport;
using Xunit.Abstractions;

namespace MaPLe.Tests.Training;

/// <summary>
/// Every recorded training run of the sets under test (<c>trajectory*/</c>, <c>trajectories/&lt;method&gt;/</c>): the
/// official code's SGD run replayed step by step through the trainer — the loss and each recorded loss component of every
/// step (1e-3) and every parameter after the last step (1e-4 absolute), with the optimizer settings, rates, classes and
/// method options read from its case.json.
/// </summary>
[Trait("Category", "Parity")]
public sealed class TrajectoryParityTests(ITestOutputHelper output)
{
    public static TheoryData<string> Trajectories() => FixtureRun.Rows("trajectory*", "trajectories/*").OrPlaceholder("trajectory");

    [Theory]
    [MemberData(nameof(Trajectories))]
    public async Task StepLossesAndFinalPromptsMatchReference(string row)
    {
        if (FixtureTheory.IsPlaceholder(row)) return;
        using var run = FixtureRun.Open(row);
        using var tuner = TinyTuners.Create(run.Case.ClassNames, CaseLearners.Options(run.Case));
        tuner.Learner.LoadStateDict(run.Start.Tensors, "start.safetensors");

        var result = await tuner.FitAsync(run.Batches(), run.Options());

        run.AssertLosses(result.History, output);
        run.AssertParameters(tuner.Learner.StateDict(), output, $"after {run.Steps} steps");
    }
}
