using System.Globalization;
using System.Text;

namespace MaPLe.Evaluation;

/// <summary>
/// The papers' table layouts: a row per method, a column per dataset, and an average column; as Markdown or as aligned
/// plain text. Accuracies are printed with two decimals; a missing cell is "-".
/// </summary>
public static class ResultsTable
{
    /// <summary>Cross-dataset / domain-generalization layout: Method | source | targets... | Average.</summary>
    public static string Transfer(IEnumerable<TransferResult> rows, TableFormat format = TableFormat.Markdown)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var list = rows.ToList();
        var sources = Distinct(list.Where(r => r.Source is not null).Select(r => Name(r.Source!)));
        var targets = Distinct(list.SelectMany(r => r.Targets.Select(Name)));
        var header = new List<string> { "Method" };
        header.AddRange(sources.Select(s => $"{s} (source)"));
        header.AddRange(targets);
        header.Add("Average");
        var cells = list.Select(r =>
        {
            var row = new List<string> { r.Method };
            row.AddRange(sources.Select(s => r.Source is { } src && Name(src) == s ? Pct(src.Accuracy) : "-"));
            row.AddRange(targets.Select(t => r.Targets.FirstOrDefault(x => Name(x) == t) is { } rep ? Pct(rep.Accuracy) : "-"));
            row.Add(Pct(r.TargetAverage));
            return row;
        }).ToList();
        return Render(header, cells, format);
    }

    /// <summary>Base-to-novel layout: Method | one "B / N / HM" cell per dataset | Average (HM of the mean B and N).</summary>
    public static string Base2Novel(IEnumerable<Base2NovelRow> rows, TableFormat format = TableFormat.Markdown)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var list = rows.ToList();
        var datasets = Distinct(list.SelectMany(r => r.Results.Select(x => x.Dataset)));
        var header = new List<string> { "Method" };
        header.AddRange(datasets.Select(d => $"{d} (B / N / HM)"));
        header.Add("Average (B / N / HM)");
        var cells = list.Select(r =>
        {
            var row = new List<string> { r.Method };
            foreach (var d in datasets)
            {
                var match = r.Results.Where(x => x.Dataset == d).Select(x => x.Result).FirstOrDefault();
                row.Add(match is null ? "-" : Triple(match.BaseAccuracy, match.NovelAccuracy, match.HarmonicMean));
            }
            row.Add(r.Results.Count == 0 ? "-" : Triple(r.AverageBase, r.AverageNovel, r.AverageHarmonicMean));
            return row;
        }).ToList();
        return Render(header, cells, format);
    }

    private static string Name(EvaluationReport report) => report.Dataset ?? "(unnamed)";

    private static List<string> Distinct(IEnumerable<string> names) => names.Distinct(StringComparer.Ordinal).ToList();

    private static string Pct(double value) => double.IsNaN(value) ? "-" : value.ToString("F2", CultureInfo.InvariantCulture);

    private static string Triple(double b, double n, double hm) => $"{Pct(b)} / {Pct(n)} / {Pct(hm)}";

    private static string Render(IReadOnlyList<string> header, List<List<string>> rows, TableFormat format)
    {
        var widths = header.Select((h, i) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length))).ToArray();
        var sb = new StringBuilder();
        bool markdown = format == TableFormat.Markdown;
        sb.Append(Line(header, widths, markdown)).Append('\n');
        if (markdown)
            sb.Append('|').AppendJoin('|', widths.Select((w, i) => i == 0 ? new string('-', w + 2) : new string('-', w + 1) + ":")).Append("|\n");
        else
            sb.Append(new string('-', widths.Sum() + 2 * (widths.Length - 1))).Append('\n');
        foreach (var row in rows)
            sb.Append(Line(row, widths, markdown)).Append('\n');
        return sb.ToString();
    }

    // First column (method) left-aligned, numbers right-aligned.
    private static string Line(IReadOnlyList<string> cells, int[] widths, bool markdown)
    {
        var padded = cells.Select((c, i) => i == 0 ? c.PadRight(widths[i]) : c.PadLeft(widths[i]));
        return markdown ? "| " + string.Join(" | ", padded) + " |" : string.Join("  ", padded).TrimEnd();
    }
}

/// <summary>How <see cref="ResultsTable"/> renders.</summary>
public enum TableFormat
{
    /// <summary>A GitHub-flavoured Markdown table (numbers right-aligned).</summary>
    Markdown,

    /// <summary>Plain text with aligned columns.</summary>
    Text,
}
