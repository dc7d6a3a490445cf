using MaPLe.Benchmarks.Reporting;
using MaPLe.Tests.TestSupport;

namespace MaPLe.Tests.Benchmarks;

public sealed class RenderDocsCommandTests
{
    [Fact]
    public void RendersTheGivenFolderIntoTheGivenDocument()
    {
        using var dir = new TempDir();
        var doc = dir.File("perf.md");
        File.WriteAllText(doc, "<!-- benchmarks:begin -->\n<!-- benchmarks:end -->\n");
        SampleReports.Write(dir.File("res"), SampleReports.MatrixMultiplyRate, SampleReports.Rates("100.0"));
        var (output, error) = (new StringWriter(), new StringWriter());

        var code = RenderDocsCommand.Run(["--results", dir.File("res"), "--doc", doc], output, error, () => SampleReports.Machine);

        Assert.Equal(0, code);
        Assert.Empty(error.ToString());
        Assert.Contains("### MatrixMultiplyRateBenchmarks", File.ReadAllText(doc));
    }

    [Fact]
    public void AMissingFolderIsReportedWithoutAStackTrace()
    {
        using var dir = new TempDir();
        var doc = dir.File("perf.md");
        File.WriteAllText(doc, "<!-- benchmarks:begin -->\n<!-- benchmarks:end -->\n");
        var error = new StringWriter();

        var code = RenderDocsCommand.Run(["--results", dir.File("none"), "--doc", doc], TextWriter.Null, error, () => SampleReports.Machine);

        Assert.Equal(1, code);
        Assert.StartsWith("render-docs: BenchmarkDotNet results folder", error.ToString());
    }

    [Theory]
    [InlineData("--results")]
    [InlineData("--bogus")]
    public void BadArgumentsPrintTheUsage(string argument)
    {
        var error = new StringWriter();

        var code = RenderDocsCommand.Run([argument], TextWriter.Null, error, () => SampleReports.Machine);

        Assert.Equal(2, code);
        Assert.Contains("usage: render-docs", error.ToString());
    }
}
