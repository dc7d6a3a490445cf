using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Running;
using MaPLe.Benchmarks;
using MaPLe.Benchmarks.Clip;

namespace MaPLe.Tests.Benchmarks;

public sealed class SuiteConfigTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ExportsTheGitHubMarkdownReportThatRenderDocsReads(bool quick)
    {
        Assert.Contains(SuiteConfig.Create(quick).GetExporters(), e => e.Name == MarkdownExporter.GitHub.Name);
    }

    [Fact]
    public void QuickTurnsAClassWithItsOwnJobIntoOneColdSmokeRun()
    {
        var cases = BenchmarkConverter.TypeToBenchmarks(typeof(MatrixMultiplyRateBenchmarks), SuiteConfig.Create(quick: true)).BenchmarksCases;

        Assert.NotEmpty(cases);
        Assert.All(cases, c =>
        {
            Assert.Equal(RunStrategy.ColdStart, c.Job.Run.RunStrategy);
            Assert.Equal(1, c.Job.Run.IterationCount);
        });
        Assert.Single(cases.Select(c => c.Job.Id).Distinct());
    }
}
