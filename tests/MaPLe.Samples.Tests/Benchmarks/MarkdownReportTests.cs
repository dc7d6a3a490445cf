using MaPLe.Benchmarks.Reporting;

namespace MaPLe.Tests.Benchmarks;

public sealed class MarkdownReportTests
{
    [Fact]
    public void ReadsClassNameEnvironmentSettingsAndCellsWithoutBoldMarks()
    {
        var report = MarkdownReport.Parse("/results/" + SampleReports.TrainingStep + MarkdownReport.FileSuffix, SampleReports.Training("50.0"));

        Assert.Equal("PromptTrainingStepBenchmarks", report.ClassName);
        Assert.StartsWith("BenchmarkDotNet v0.15.8", report.Environment);
        Assert.EndsWith("X64 RyuJIT x86-64-v3", report.Environment);
        Assert.StartsWith("Toolchain=InProcessEmitToolchain", report.Settings);
        Assert.Equal(["Method", "Precision", "Classes", "PromptMethod", "Trainable params", "Mean", "GFLOP/op", "GFLOP/s"], report.Header);
        Assert.Equal([false, false, false, false, true, true, true, true], report.RightAligned);
        Assert.Equal(2, report.Rows.Count);
        Assert.Equal("50.0", report.Cell(report.Rows[0], "GFLOP/s"));   // was **50.0**
        Assert.Null(report.Cell(report.Rows[0], "Layer"));
    }

    [Fact]
    public void TextWithoutATableIsRejectedWithTheFileName()
    {
        var error = Assert.Throws<InvalidDataException>(() => MarkdownReport.Parse("/r/X-report-github.md", "```\nenv\n```\nno table"));

        Assert.Contains("/r/X-report-github.md", error.Message);
    }
}
