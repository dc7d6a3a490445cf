using MaPLe.Evaluation;

namespace MaPLe.Tests.Evaluation;

/// <summary>The papers' table layouts: a row per method, a column per dataset, and the average.</summary>
public sealed class ResultsTableTests
{
    private static EvaluationReport Report(string dataset, long correct, long wrong) =>
        new(["x", "y"], new ConfusionMatrix(new long[,] { { correct, wrong }, { 0, 0 } }), 0) { Dataset = dataset };

    private static readonly TransferResult[] Rows =
    [
        new("MaPLe", Report("ImageNet", 7, 3), [Report("A", 7, 1), Report("B", 1, 1)]),
        new("CoOp", null, [Report("A", 5, 3)]),
    ];

    [Fact]
    public void TransferTableAsMarkdown()
    {
        const string expected =
            "| Method | ImageNet (source) |     A |     B | Average |\n" +
            "|--------|------------------:|------:|------:|--------:|\n" +
            "| MaPLe  |             70.00 | 87.50 | 50.00 |   68.75 |\n" +
            "| CoOp   |                 - | 62.50 |     - |   62.50 |\n";
        Assert.Equal(expected, ResultsTable.Transfer(Rows));
    }

    [Fact]
    public void TransferTableAsText()
    {
        var expected =
            "Method  ImageNet (source)      A      B  Average\n" +
            new string('-', 6 + 17 + 5 + 5 + 7 + 2 * 4) + "\n" +
            "MaPLe               70.00  87.50  50.00    68.75\n" +
            "CoOp                    -  62.50      -    62.50\n";
        Assert.Equal(expected, ResultsTable.Transfer(Rows, TableFormat.Text));
    }

    [Fact]
    public void Base2NovelTableShowsBaseNovelAndHarmonicMeanPerDataset()
    {
        var r1 = new Base2NovelResult(Report("D1", 8, 2), Report("D1", 6, 4));    // 80 / 60 / 68.57
        var r2 = new Base2NovelResult(Report("D2", 9, 1), Report("D2", 7, 3));    // 90 / 70 / 78.75
        var row = new Base2NovelRow("MaPLe", [("D1", r1), ("D2", r2)]);
        Assert.Equal((85.0, 65.0), (row.AverageBase, row.AverageNovel));
        Assert.Equal(Metrics.HarmonicMean(85, 65), row.AverageHarmonicMean, 12);

        var table = ResultsTable.Base2Novel([row]);
        var lines = table.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("Method", lines[0]);
        Assert.Contains("D1 (B / N / HM)", lines[0]);
        Assert.Contains("Average (B / N / HM)", lines[0]);
        Assert.Contains("80.00 / 60.00 / 68.57", lines[2]);
        Assert.Contains("90.00 / 70.00 / 78.75", lines[2]);
        Assert.EndsWith("85.00 / 65.00 / 73.67 |", lines[2]);
    }
}
