using System.Text.Json;
using MaPLe.Cli.Sweeps;
using MaPLe.Data;
using MaPLe.Evaluation;

namespace MaPLe.Cli.Sharding;

/// <summary>
/// <c>maple eval -o report.json</c>: an evaluation as a file — a function of the confusion matrix and what was
/// evaluated only (no timings, host or date), so the parts of a sharded evaluation merge into the very same file.
/// </summary>
public sealed record EvaluationFile
{
    /// <summary>The format tag of evaluation files.</summary>
    public const string CurrentFormat = "maple-evaluation/1";

    /// <summary>Format tag.</summary>
    public string Format { get; init; } = CurrentFormat;

    /// <summary>The method id.</summary>
    public required string Method { get; init; }

    /// <summary>The prompt file as given (null for zero-shot CLIP).</summary>
    public string? Prompts { get; init; }

    /// <summary>The dataset's name.</summary>
    public required string Dataset { get; init; }

    /// <summary>Class names in label order.</summary>
    public required IReadOnlyList<string> Classes { get; init; }

    /// <summary>Images evaluated.</summary>
    public required long Samples { get; init; }

    /// <summary>Correct top-1 predictions.</summary>
    public required long Correct { get; init; }

    /// <summary>Top-1 accuracy, percent.</summary>
    public required double Accuracy { get; init; }

    /// <summary>Macro-F1, percent.</summary>
    public required double MacroF1 { get; init; }

    /// <summary>Accuracy per class, percent (NaN for classes without images).</summary>
    public required IReadOnlyDictionary<string, double> PerClassAccuracy { get; init; }

    /// <summary>Counts of (true, predicted) labels, rows = truth.</summary>
    public required IReadOnlyList<IReadOnlyList<long>> Confusion { get; init; }

    /// <summary>The file of an evaluation.</summary>
    public static EvaluationFile From(string method, string? prompts, string dataset, IReadOnlyList<string> classes, ConfusionMatrix confusion)
    {
        var report = new EvaluationReport(classes, confusion, 0);
        var counts = confusion.ToArray();
        return new EvaluationFile
        {
            Method = method, Prompts = prompts, Dataset = dataset, Classes = classes, Samples = report.SampleCount, Correct = report.Correct,
            Accuracy = report.Accuracy, MacroF1 = report.MacroF1, PerClassAccuracy = report.PerClassAccuracy,
            Confusion = Enumerable.Range(0, counts.GetLength(0)).Select(t => (IReadOnlyList<long>)Enumerable.Range(0, counts.GetLength(1)).Select(p => counts[t, p]).ToArray()).ToList(),
        };
    }

    /// <summary>Why the file cannot be turned into a confusion matrix (a damaged or hand-edited file); null when it can.</summary>
    internal string? Problem()
    {
        int n = Classes?.Count ?? 0;
        if (n == 0 || Classes!.Any(c => c is null)) return "the evaluation lists no classes";
        if (Confusion is null || Confusion.Count != n || Confusion.Any(row => row is null || row.Count != n))
            return $"the confusion matrix is not {n}x{n} (one row and column per class)";
        if (Confusion.Any(row => row.Any(v => v < 0))) return "the confusion matrix holds a negative count";
        return null;
    }

    /// <summary>The confusion matrix.</summary>
    public ConfusionMatrix ToConfusion()
    {
        var counts = new long[Classes.Count, Classes.Count];
        for (int t = 0; t < Classes.Count; t++)
            for (int p = 0; p < Classes.Count; p++)
                counts[t, p] = Confusion[t][p];
        return new ConfusionMatrix(counts);
    }

    /// <summary>The file's text.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, RunSpec.Json) + "\n";

    /// <summary>Writes the file atomically.</summary>
    public void Write(string path) => AtomicFile.WriteAllText(path, ToJson());
}
