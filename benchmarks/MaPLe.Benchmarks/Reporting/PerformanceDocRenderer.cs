using System.Globalization;
using System.Text;
using MaPLe.Data;

namespace MaPLe.Benchmarks.Reporting;

/// <summary>
/// Writes BenchmarkDotNet's reports into the region of a Markdown document between <see cref="BeginMarker"/> and
/// <see cref="EndMarker"/>: date, machine, one table per benchmark class and, where the matrix-multiply rate was measured,
/// the fraction of it each FLOP-counted row reaches. Everything outside the region stays byte for byte.
/// </summary>
internal static class PerformanceDocRenderer
{
    /// <summary>Line that opens the generated region.</summary>
    public const string BeginMarker = "<!-- benchmarks:begin -->";

    /// <summary>Line that closes the generated region.</summary>
    public const string EndMarker = "<!-- benchmarks:end -->";

    /// <summary>Renders the reports of <paramref name="resultsFolder"/> into <paramref name="docPath"/> (written atomically).</summary>
    /// <exception cref="FileNotFoundException">The document does not exist, or the folder holds no report.</exception>
    /// <exception cref="DirectoryNotFoundException">The results folder does not exist.</exception>
    /// <exception cref="InvalidDataException">The document lacks the markers, or a report has no table.</exception>
    public static void RenderFile(string docPath, string resultsFolder, MachineDescription machine)
    {
        var full = Path.GetFullPath(docPath);
        if (!File.Exists(full))
            throw new FileNotFoundException($"Document '{full}' does not exist: pass --doc with the Markdown file to fill (default docs/performance.md, run from the repository root).", full);
        var bytes = File.ReadAllBytes(full);
        var bom = bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble);
        var doc = new UTF8Encoding(false).GetString(bytes, bom ? 3 : 0, bytes.Length - (bom ? 3 : 0));
        FindRegion(doc, full);   // fail on the markers before reading any report
        var (reports, newest) = BenchmarkResults.Load(resultsFolder);
        var rendered = Replace(doc, Section(reports, machine, DateOnly.FromDateTime(newest)), full);
        AtomicFile.WriteAllBytes(full, [.. (bom ? Encoding.UTF8.Preamble : []), .. Encoding.UTF8.GetBytes(rendered)]);
    }

    /// <summary><paramref name="doc"/> with the region between the markers replaced by <paramref name="section"/>.</summary>
    /// <param name="doc">The document.</param>
    /// <param name="section">The new content of the region (without the markers).</param>
    /// <param name="docName">The document's name, for messages.</param>
    /// <exception cref="InvalidDataException">The markers are missing, repeated or out of order.</exception>
    public static string Replace(string doc, string section, string docName)
    {
        var (start, end) = FindRegion(doc, docName);
        var newline = doc.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
        var body = section.ReplaceLineEndings(newline).Trim('\r', '\n');
        return doc[..start] + newline + newline + body + newline + newline + doc[end..];   // blank lines keep tables apart from the markers
    }

    /// <summary>The generated region: date, machine, one table per report, and the fractions of the matrix-multiply rate.</summary>
    public static string Section(IReadOnlyList<MarkdownReport> reports, MachineDescription machine, DateOnly date)
    {
        var rateReport = reports.FirstOrDefault(r => r.ClassName == MatrixMultiplyRates.ReportClassName);
        var rates = rateReport is null ? null : MatrixMultiplyRates.From(rateReport);
        var text = new StringBuilder()
            .AppendLine("<!-- Written by `render-docs` from BenchmarkDotNet's reports: edit the command, not this region. -->")
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"Measured on **{date:yyyy-MM-dd}** (newest report). Machine (read when rendering):")
            .AppendLine()
            .AppendLine(machine.ToMarkdown());
        var environment = reports[0].Environment;
        if (environment.Length > 0)
            text.AppendLine().AppendLine("BenchmarkDotNet's environment:").AppendLine().AppendLine("```text").AppendLine(environment).AppendLine("```");
        // Yardsticks first; they get no fraction lines of their own.
        static bool IsYardstick(MarkdownReport r) =>
            r.ClassName is var n && (n == MatrixMultiplyRates.ReportClassName || n == nameof(MaPLe.Benchmarks.Clip.ProcessorPeakBenchmarks));
        foreach (var report in reports.OrderBy(r => r == rateReport ? 0 : IsYardstick(r) ? 1 : 2))
        {
            text.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"### {report.ClassName}").AppendLine();
            if (report.Settings.Length > 0)
                text.AppendLine(CultureInfo.InvariantCulture, $"Job: `{string.Join(' ', report.Settings.Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries))}`").AppendLine();
            // BenchmarkDotNet bolds every row whose parameters differ from the previous one: here that is nearly all of them.
            foreach (var line in report.TableLines) text.AppendLine(line.Replace("**", "", StringComparison.Ordinal));
            var fractions = rates is null || IsYardstick(report) ? [] : rates.FractionLines(report);
            if (fractions.Count == 0) continue;
            text.AppendLine().AppendLine("Fraction of the machine's matrix-multiply rate (GFLOP/s over the best " +
                $"{MatrixMultiplyRates.ReportClassName} GFLOP/s of the same precision):").AppendLine();
            foreach (var line in fractions) text.AppendLine(line);
        }
        return text.ToString();
    }

    // Start: just after the begin marker; end: at the end marker.
    private static (int Start, int End) FindRegion(string doc, string docName)
    {
        var begin = doc.IndexOf(BeginMarker, StringComparison.Ordinal);
        var end = doc.IndexOf(EndMarker, StringComparison.Ordinal);
        if (begin < 0 || end < 0)
            throw new InvalidDataException(
                $"'{docName}' has no {(begin < 0 ? BeginMarker : EndMarker)} marker: put {BeginMarker} and {EndMarker} on their own lines around " +
                "the section render-docs should write, then render again.");
        if (end < begin || doc.IndexOf(BeginMarker, begin + 1, StringComparison.Ordinal) >= 0 || doc.IndexOf(EndMarker, end + 1, StringComparison.Ordinal) >= 0)
            throw new InvalidDataException(
                $"'{docName}' must hold {BeginMarker} once, followed by {EndMarker} once: fix the markers, then render again.");
        return (begin + BeginMarker.Length, end);
    }
}
