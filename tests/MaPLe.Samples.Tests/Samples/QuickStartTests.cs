using MaPLe.Samples.QuickStart;
using MaPLe.Tests.TestSupport;

namespace MaPLe.Tests.Samples;

/// <summary>The QuickStart pipeline end to end on a reduced setting (few shots, one epoch, few test images).</summary>
[Collection("Sequential")]
public sealed class QuickStartTests
{
    [Fact]
    public async Task RunsEveryStageAndWritesThePlots()
    {
        using var dir = new TempDir();
        var options = new QuickStartOptions
        {
            Weights = SampleAssets.Weights,
            Vocabulary = SampleAssets.Vocabulary,
            Methods = ["zeroshot", "coop", "maple"],
            Shots = 2,
            Epochs = 1,
            TestPerClass = 3,
            Output = dir.Path,
        };
        var log = new StringWriter();
        var summary = await QuickStartRunner.RunAsync(options, log);

        Assert.Equal(["zeroshot", "coop", "maple"], summary.Runs.Select(r => r.Method));
        foreach (var run in summary.Runs)
        {
            Assert.Equal(30, run.Result.Base.SampleCount);     // 10 base classes × 3
            Assert.Equal(30, run.Result.Novel.SampleCount);
            Assert.InRange(run.Result.HarmonicMean, 0, 100);
        }
        Assert.Null(summary.Runs[0].Training);
        Assert.All(summary.Runs.Skip(1), r => Assert.NotEmpty(r.Training!.History.Steps));
        Assert.Equal(2, summary.Plots.Count);
        Assert.All(summary.Plots, p => Assert.True(new FileInfo(p).Length > 1000, p));
        Assert.Contains("| maple |", log.ToString());
    }

    [Theory]
    [InlineData("--shots", "0")]
    [InlineData("--methods", "nope")]
    [InlineData("--bogus", "1")]
    public void BadArgumentsAreRejected(string option, string value)
    {
        Assert.ThrowsAny<Exception>(() =>
        {
            var o = QuickStartOptions.Parse([option, value]);
            foreach (var m in o.Methods) QuickStartRunner.MethodOptions(m);
        });
    }
}
