using System.Text;
using MaPLe.Benchmarks.Reporting;
using MaPLe.Tests.TestSupport;

namespace MaPLe.Tests.Benchmarks;

public sealed class PerformanceDocRendererTests
{
    private const string Before = "# Performance\r\n\r\nIntro with ünïcode, trailing spaces   \r\n\r\n<!-- benchmarks:begin -->";
    private const string After = "<!-- benchmarks:end -->\r\n\r\n## Earlier\r\n\r\n| a | b |\r\n|---|---|\r\nno final newline";

    [Fact]
    public void ReplacesOnlyTheMarkedRegionAndKeepsTheRestByteForByte()
    {
        using var dir = new TempDir();
        var doc = dir.File("performance.md");
        File.WriteAllBytes(doc, Encoding.UTF8.GetBytes(Before + "\r\nold placeholder\r\n" + After));
        SampleReports.Write(dir.File("results"), SampleReports.MatrixMultiplyRate, SampleReports.Rates("100.0"));

        PerformanceDocRenderer.RenderFile(doc, dir.File("results"), SampleReports.Machine);

        var bytes = File.ReadAllBytes(doc);
        var text = Encoding.UTF8.GetString(bytes);
        Assert.StartsWith(Before, text, StringComparison.Ordinal);
        Assert.EndsWith(After, text, StringComparison.Ordinal);
        Assert.Equal(Encoding.UTF8.GetBytes(Before), bytes[..Encoding.UTF8.GetByteCount(Before)]);
        Assert.DoesNotContain("old placeholder", text);
        Assert.Contains("### MatrixMultiplyRateBenchmarks", text);
        Assert.DoesNotContain("\r\n\n", text);   // the region follows the document's line endings
    }

    [Fact]
    public void RendersEachReportUnderItsClassNameWithTheMachine()
    {
        var reports = new[]
        {
            MarkdownReport.Parse(SampleReports.TrainingStep + MarkdownReport.FileSuffix, SampleReports.Training("50.0")),
            MarkdownReport.Parse(SampleReports.MatrixMultiplyRate + MarkdownReport.FileSuffix, SampleReports.Rates("100.0")),
        };

        var section = PerformanceDocRenderer.Section(reports, SampleReports.Machine, new DateOnly(2026, 1, 2));

        var rates = section.IndexOf("### MatrixMultiplyRateBenchmarks", StringComparison.Ordinal);
        var training = section.IndexOf("### PromptTrainingStepBenchmarks", StringComparison.Ordinal);
        Assert.True(rates >= 0 && training > rates, section);   // the yardstick first
        Assert.Contains("| Linear | fp32 | 768→768 |", section);   // BenchmarkDotNet's tables, without its bold rows
        Assert.Contains("| ForwardBackward | bf16 | 10 | maple | 3,555,072 | 50.00 s |", section);
        Assert.Contains("2026-01-02", section);
        Assert.Contains("- CPU: Test CPU 9000, 2 logical cores", section);
        Assert.Contains("AVX2 yes, AVX-512 yes, AVX512-BF16 no, AMX-BF16 no", section);
        Assert.Contains("TestOS 1", section);
        Assert.Contains("libtorch 2.10.0", section);
        Assert.Contains("Job: `Toolchain=InProcessEmitToolchain IterationCount=5 LaunchCount=1 RunStrategy=Monitoring WarmupCount=1`", section);
    }

    [Fact]
    public void FractionOfTheMatrixMultiplyRateUsesTheBestRateOfTheSamePrecision()
    {
        var rates = MarkdownReport.Parse(SampleReports.MatrixMultiplyRate + MarkdownReport.FileSuffix, SampleReports.Rates("100.0", bf16: "20.0"));
        var training = MarkdownReport.Parse(SampleReports.TrainingStep + MarkdownReport.FileSuffix, SampleReports.Training("50.0"));

        var section = PerformanceDocRenderer.Section([rates, training], SampleReports.Machine, new DateOnly(2026, 1, 2));

        Assert.Contains("- ForwardBackward (Precision=fp32, Classes=10, PromptMethod=maple): 50.0 of 100.0 GFLOP/s = **50 %**", section);
        Assert.Contains("- ForwardBackward (Precision=bf16, Classes=10, PromptMethod=maple): 5.0 of 20.0 GFLOP/s = **25 %**", section);
        Assert.DoesNotContain("Linear (Precision=", section);   // the yardstick is not measured against itself
        Assert.DoesNotContain("Trainable params=", section);   // a right-aligned (numeric) column is no parameter
    }

    [Fact]
    public void TheProcessorPeakIsAYardstickWithoutFractionLines()
    {
        var rates = MarkdownReport.Parse(SampleReports.MatrixMultiplyRate + MarkdownReport.FileSuffix, SampleReports.Rates("100.0"));
        var peak = MarkdownReport.Parse("MaPLe.Benchmarks.Clip.ProcessorPeakBenchmarks" + MarkdownReport.FileSuffix, SampleReports.Text(
            ["Method", "Threads", "Mean", "GFLOP/op", "GFLOP/s"], ["FusedMultiplyAdd", "2", "10.00 ms", "1.600", "160.0"]));
        var training = MarkdownReport.Parse(SampleReports.TrainingStep + MarkdownReport.FileSuffix, SampleReports.Training("50.0"));

        var section = PerformanceDocRenderer.Section([training, peak, rates], SampleReports.Machine, new DateOnly(2026, 1, 2));

        Assert.DoesNotContain("FusedMultiplyAdd (", section);   // the ceiling is not measured against the matrix-multiply rate
        Assert.Contains("- ForwardBackward (Precision=fp32, Classes=10, PromptMethod=maple): 50.0 of 100.0 GFLOP/s = **50 %**", section);
        var order = new[] { "### MatrixMultiplyRateBenchmarks", "### ProcessorPeakBenchmarks", "### PromptTrainingStepBenchmarks" }
            .Select(h => section.IndexOf(h, StringComparison.Ordinal)).ToList();
        Assert.True(order[0] >= 0 && order[0] < order[1] && order[1] < order[2], section);   // yardsticks first
    }

    [Fact]
    public void WithoutTheRateReportThereIsNoFractionLine()
    {
        var training = MarkdownReport.Parse(SampleReports.TrainingStep + MarkdownReport.FileSuffix, SampleReports.Training("50.0"));

        var section = PerformanceDocRenderer.Section([training], SampleReports.Machine, new DateOnly(2026, 1, 2));

        Assert.Contains("### PromptTrainingStepBenchmarks", section);
        Assert.DoesNotContain("Fraction of the machine's matrix-multiply rate", section);
    }

    [Theory]
    [InlineData("no markers at all\n", "<!-- benchmarks:begin -->")]
    [InlineData("<!-- benchmarks:begin -->\nonly the start\n", "<!-- benchmarks:end -->")]
    [InlineData("<!-- benchmarks:end -->\n<!-- benchmarks:begin -->\n", "once")]
    public void MissingOrMisplacedMarkersNameTheDocumentAndLeaveItAlone(string content, string expected)
    {
        using var dir = new TempDir();
        var doc = dir.File("performance.md");
        File.WriteAllText(doc, content);
        SampleReports.Write(dir.File("results"), SampleReports.MatrixMultiplyRate, SampleReports.Rates("100.0"));

        var error = Assert.Throws<InvalidDataException>(() => PerformanceDocRenderer.RenderFile(doc, dir.File("results"), SampleReports.Machine));

        Assert.Contains(doc, error.Message);
        Assert.Contains(expected, error.Message);
        Assert.Equal(content, File.ReadAllText(doc));
    }

    [Fact]
    public void MissingResultsFolderIsNamedWithWhatToDo()
    {
        var error = RenderError<DirectoryNotFoundException>("nowhere", createFolder: false);

        Assert.Contains("nowhere", error.Message);
        Assert.Contains("run the benchmarks first", error.Message);
    }

    [Fact]
    public void ResultsFolderWithoutReportsIsNamedWithWhatToDo()
    {
        var error = RenderError<FileNotFoundException>("results", createFolder: true);

        Assert.Contains("results", error.Message);
        Assert.Contains("-report-github.md", error.Message);
    }

    [Fact]
    public void WritesTheCompleteDocumentAndLeavesNoTemporaryFile()
    {
        using var dir = new TempDir();
        var doc = MarkedDocument(dir);
        var results = dir.File("results");
        SampleReports.Write(results, SampleReports.MatrixMultiplyRate, SampleReports.Rates("100.0"));
        SampleReports.Write(results, SampleReports.TrainingStep, SampleReports.Training("50.0"));

        PerformanceDocRenderer.RenderFile(doc, results, SampleReports.Machine);

        Assert.Equal(["performance.md"], Directory.GetFiles(dir.Path).Select(Path.GetFileName));
        var text = File.ReadAllText(doc);
        Assert.EndsWith(After, text, StringComparison.Ordinal);
        Assert.Contains("= **50 %**", text);
    }

    [Fact]
    public void RenderingTwiceGivesTheSameDocument()
    {
        using var dir = new TempDir();
        var doc = MarkedDocument(dir);
        SampleReports.Write(dir.File("results"), SampleReports.MatrixMultiplyRate, SampleReports.Rates("100.0"));

        PerformanceDocRenderer.RenderFile(doc, dir.File("results"), SampleReports.Machine);
        var once = File.ReadAllBytes(doc);
        PerformanceDocRenderer.RenderFile(doc, dir.File("results"), SampleReports.Machine);

        Assert.Equal(once, File.ReadAllBytes(doc));
    }

    // A folder (only a CSV report in it when created) rendered into a marked document: the error it throws.
    private static T RenderError<T>(string folder, bool createFolder) where T : Exception
    {
        using var dir = new TempDir();
        var doc = MarkedDocument(dir);
        if (createFolder)
        {
            Directory.CreateDirectory(dir.File(folder));
            File.WriteAllText(Path.Combine(dir.File(folder), "Some-report.csv"), "not markdown");
        }
        var error = Assert.Throws<T>(() => PerformanceDocRenderer.RenderFile(doc, dir.File(folder), SampleReports.Machine));
        Assert.Contains(dir.File(folder), error.Message);
        return error;
    }

    private static string MarkedDocument(TempDir dir)
    {
        var doc = dir.File("performance.md");
        File.WriteAllText(doc, Before + "\n" + After);
        return doc;
    }
}
