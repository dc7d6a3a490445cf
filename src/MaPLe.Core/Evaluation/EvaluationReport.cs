using System.Globalization;
using System.Text;

namespace MaPLe.Evaluation;

/// <summary>The result of evaluating a tuner on labelled data.</summary>
/// <param name="ClassNames">The classes evaluated over, in label order.</param>
/// <param name="Confusion">Counts of (true, predicted) labels.</param>
/// <param name="Seconds">Wall time.</param>
public sealed record EvaluationReport(IReadOnlyList<string> ClassNames, ConfusionMatrix Confusion, double Seconds)
{
    /// <summary>Name of the evaluated data set, when known.</summary>
    public string? Dataset { get; init; }

    /// <summary>Samples evaluated.</summary>
    public long SampleCount => Confusion.Total;

    /// <summary>Correct top-1 predictions.</summary>
    public long Correct => Confusion.Correct;

    /// <summary>Top-1 accuracy, <c>100 · correct / total</c> — the metric the papers report.</summary>
    public double Accuracy => Confusion.Accuracy;

    /// <summary><c>100 − accuracy</c>.</summary>
    public double Error => 100 - Accuracy;

    /// <summary>Macro-F1 over the classes present in the true labels (scikit-learn semantics), percent.</summary>
    public double MacroF1 => Confusion.MacroF1;

    /// <summary>Accuracy of each class by name, percent (NaN for classes without samples).</summary>
    public IReadOnlyDictionary<string, double> PerClassAccuracy
    {
        get
        {
            var perClass = Confusion.PerClassAccuracy;
            return ClassNames.Select((name, i) => (name, i)).ToDictionary(t => t.name, t => perClass[t.i], StringComparer.Ordinal);
        }
    }

    /// <summary>The block Dassl prints (<c>* accuracy: 76.7%</c>, ...), which upstream's <c>parse_test_res.py</c> reads.</summary>
    public string ToDasslString()
    {
        var sb = new StringBuilder("=> result\n");
        sb.Append(CultureInfo.InvariantCulture, $"* total: {SampleCount:N0}\n");
        sb.Append(CultureInfo.InvariantCulture, $"* correct: {Correct:N0}\n");
        sb.Append(CultureInfo.InvariantCulture, $"* accuracy: {Accuracy:F1}%\n");
        sb.Append(CultureInfo.InvariantCulture, $"* error: {Error:F1}%\n");
        sb.Append(CultureInfo.InvariantCulture, $"* macro_f1: {MacroF1:F1}%");
        return sb.ToString();
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Dataset ?? "evaluation"}: accuracy {Accuracy:F2}% ({Correct}/{SampleCount}), macro-F1 {MacroF1:F2}%");
}
