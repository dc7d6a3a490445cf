using MaPLe.Evaluation;

namespace MaPLe.Tests.Evaluation;

/// <summary>Accuracy, macro-F1 (scikit-learn semantics), per-class accuracy and HM on hand-computed confusion matrices.</summary>
public sealed class MetricsTests
{
    // y_true = [0,0,0,1,1,2,2,2,2], y_pred = [0,1,0,1,2,2,2,0,1]
    private static ConfusionMatrix ThreeClasses()
    {
        var m = new ConfusionMatrix(3);
        m.Add([0, 0, 0, 1, 1, 2, 2, 2, 2], [0, 1, 0, 1, 2, 2, 2, 0, 1]);
        return m;
    }

    [Fact]
    public void CountsAccuracyAndPerClassAccuracy()
    {
        var m = ThreeClasses();
        Assert.Equal(new long[,] { { 2, 1, 0 }, { 0, 1, 1 }, { 1, 1, 2 } }, m.ToArray());
        Assert.Equal((9L, 5L), (m.Total, m.Correct));
        Assert.Equal(100.0 * 5 / 9, m.Accuracy, 12);
        Assert.Equal([3L, 2L, 4L], m.Support);
        Assert.Equal([200.0 / 3, 50.0, 50.0], m.PerClassAccuracy, new ToleranceComparer(1e-9));
    }

    [Fact]
    public void MacroF1AveragesPerClassF1()
    {
        // class 0: tp 2, fn 1, fp 1 -> 4/6; class 1: tp 1, fn 1, fp 2 -> 2/5; class 2: tp 2, fn 2, fp 1 -> 4/7.
        var m = ThreeClasses();
        Assert.Equal([400.0 / 6, 40.0, 400.0 / 7], m.PerClassF1, new ToleranceComparer(1e-9));
        Assert.Equal((400.0 / 6 + 40.0 + 400.0 / 7) / 3, m.MacroF1, 10);   // 54.6032
    }

    [Fact]
    public void MacroF1OnlyAveragesClassesPresentInTheTrueLabels()
    {
        // sklearn f1_score([0,1,2], [0,1,3], average="macro", labels=[0,1,2]) = (1 + 1 + 0) / 3.
        var m = new ConfusionMatrix(4);
        m.Add([0, 1, 2], [0, 1, 3]);
        Assert.Equal(200.0 / 3, m.MacroF1, 10);
        Assert.Equal(200.0 / 3, m.Accuracy, 10);
        Assert.True(double.IsNaN(m.PerClassAccuracy[3]));
        Assert.Equal(0.0, m.PerClassF1[3]);
    }

    [Fact]
    public void EmptyAndInvalidInputs()
    {
        var empty = new ConfusionMatrix(2);
        Assert.True(double.IsNaN(empty.Accuracy));
        Assert.True(double.IsNaN(empty.MacroF1));
        Assert.Throws<ArgumentOutOfRangeException>(() => empty.Add(2, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => empty.Add(0, -1));
        Assert.Throws<ArgumentException>(() => empty.Add([0, 1], [0]));
        Assert.Throws<ArgumentException>(() => new ConfusionMatrix(new long[2, 3]));
        Assert.Throws<ArgumentException>(() => new ConfusionMatrix(new long[,] { { 1, -1 }, { 0, 0 } }));
    }

    [Fact]
    public void ReportExposesMetricsByClassNameAndPrintsLikeDassl()
    {
        var report = new EvaluationReport(["cat", "dog", "bird"], ThreeClasses(), 0.5) { Dataset = "Pets" };
        Assert.Equal(9, report.SampleCount);
        Assert.Equal(100 - report.Accuracy, report.Error, 12);
        Assert.Equal(50.0, report.PerClassAccuracy["dog"], 12);
        Assert.Equal("=> result\n* total: 9\n* correct: 5\n* accuracy: 55.6%\n* error: 44.4%\n* macro_f1: 54.6%", report.ToDasslString());
        Assert.Equal("Pets: accuracy 55.56% (5/9), macro-F1 54.60%", report.ToString());
    }

    [Theory]
    [InlineData(82.28, 75.14, 78.5481)]   // MaPLe's paper average (B 82.28, N 75.14, HM 78.55)
    [InlineData(50, 50, 50)]
    [InlineData(100, 0, 0)]
    [InlineData(0, 0, 0)]
    [InlineData(80, 60, 68.5714)]
    public void HarmonicMeanIsTwoBNOverBPlusN(double b, double n, double hm) => Assert.Equal(hm, Metrics.HarmonicMean(b, n), 4);

    [Fact]
    public void Base2NovelResultCombinesBothReports()
    {
        var @base = new EvaluationReport(["a", "b"], new ConfusionMatrix(new long[,] { { 4, 0 }, { 1, 3 } }), 0);   // 87.5
        var novel = new EvaluationReport(["c", "d"], new ConfusionMatrix(new long[,] { { 2, 2 }, { 1, 3 } }), 0);  // 62.5
        var result = new Base2NovelResult(@base, novel);
        Assert.Equal((87.5, 62.5), (result.BaseAccuracy, result.NovelAccuracy));
        Assert.Equal(2 * 87.5 * 62.5 / 150, result.HarmonicMean, 12);
        Assert.Throws<ArgumentOutOfRangeException>(() => Metrics.HarmonicMean(-1, 5));
    }

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(double obj) => 0;
    }
}
