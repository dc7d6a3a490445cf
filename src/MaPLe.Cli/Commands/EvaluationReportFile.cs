using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MaPLe.Data;
using MaPLe.Evaluation;

namespace MaPLe.Cli.Commands;

/// <summary>
/// <c>maple eval --report</c>: the evaluation as JSON (summary, per-class accuracy/F1/support, confusion matrix) or CSV
/// (one row per true class: support, correct, accuracy, F1, then the counts predicted as each class).
/// </summary>
public static class EvaluationReportFile
{
    /// <summary>Throws before any work when <paramref name="path"/> has no supported extension or its folder is missing.</summary>
    public static void CheckTarget(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        _ = FormatOf(path);
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        if (!Directory.Exists(folder))
            throw new DirectoryNotFoundException($"--report {path}: the folder '{folder}' does not exist; create it first.");
    }

    /// <summary>Writes <paramref name="report"/> to <paramref name="path"/> (format by extension), atomically.</summary>
    public static void Write(string path, EvaluationReport report, string method, string dataset)
    {
        CheckTarget(path);
        string text = FormatOf(path) == "json" ? ToJson(report, method, dataset) : ToCsv(report);
        AtomicFile.WriteAllText(path, text);
    }

    /// <summary>The JSON report.</summary>
    public static string ToJson(EvaluationReport report, string method, string dataset)
    {
        ArgumentNullException.ThrowIfNull(report);
        var m = report.Confusion;
        var perClass = new JsonArray();
        for (int i = 0; i < report.ClassNames.Count; i++)
            perClass.Add(new JsonObject
            {
                ["class"] = report.ClassNames[i],
                ["support"] = m.Support[i],
                ["correct"] = m[i, i],
                ["accuracy"] = Number(m.PerClassAccuracy[i]),
                ["f1"] = Number(m.PerClassF1[i]),
            });
        var confusion = new JsonArray();
        for (int i = 0; i < m.ClassCount; i++)
            confusion.Add(new JsonArray(Enumerable.Range(0, m.ClassCount).Select(j => (JsonNode?)JsonValue.Create(m[i, j])).ToArray()));
        var root = new JsonObject
        {
            ["method"] = method,
            ["dataset"] = dataset,
            ["samples"] = report.SampleCount,
            ["correct"] = report.Correct,
            ["accuracy"] = Number(report.Accuracy),
            ["macro_f1"] = Number(report.MacroF1),
            ["seconds"] = Math.Round(report.Seconds, 3),
            ["classes"] = new JsonArray(report.ClassNames.Select(n => (JsonNode?)JsonValue.Create(n)).ToArray()),
            ["per_class"] = perClass,
            ["confusion"] = confusion,
            ["confusion_axes"] = "rows: true class, columns: predicted class (order of 'classes')",
        };
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    /// <summary>The CSV report (RFC 4180 quoting, invariant culture).</summary>
    public static string ToCsv(EvaluationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var m = report.Confusion;
        var sb = new StringBuilder();
        sb.Append("class,support,correct,accuracy,f1");
        foreach (var name in report.ClassNames) sb.Append(",predicted:").Append(Quote(name));
        sb.Append('\n');
        for (int i = 0; i < m.ClassCount; i++)
        {
            sb.Append(Quote(report.ClassNames[i])).Append(CultureInfo.InvariantCulture, $",{m.Support[i]},{m[i, i]},{Csv(m.PerClassAccuracy[i])},{Csv(m.PerClassF1[i])}");
            for (int j = 0; j < m.ClassCount; j++) sb.Append(CultureInfo.InvariantCulture, $",{m[i, j]}");
            sb.Append('\n');
        }
        return sb.ToString();
    }

    private static string FormatOf(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".json" => "json",
        ".csv" => "csv",
        _ => throw new ArgumentException($"--report {path}: use a .json or .csv file name."),
    };

    // NaN (a class with no test image) is not JSON: written as null.
    private static JsonValue? Number(double value) => double.IsFinite(value) ? JsonValue.Create(Math.Round(value, 4)) : null;

    private static string Csv(double value) => double.IsFinite(value) ? Math.Round(value, 4).ToString(CultureInfo.InvariantCulture) : "";

    private static string Quote(string text) =>
        text.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + text.Replace("\"", "\"\"") + "\"" : text;
}
