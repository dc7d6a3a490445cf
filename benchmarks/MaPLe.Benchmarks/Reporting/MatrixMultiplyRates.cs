using System.Globalization;
using MaPLe.Benchmarks.Clip;

namespace MaPLe.Benchmarks.Reporting;

/// <summary>
/// The machine's matrix-multiply rate per precision (the best GFLOP/s of <see cref="MatrixMultiplyRateBenchmarks"/>), and
/// what fraction of it another benchmark's rows reach.
/// </summary>
internal sealed class MatrixMultiplyRates
{
    /// <summary>Precision assumed for rows of a report without a Precision column.</summary>
    private const string DefaultPrecision = "fp32";

    private readonly IReadOnlyDictionary<string, double> _best;

    private MatrixMultiplyRates(IReadOnlyDictionary<string, double> best) => _best = best;

    /// <summary>The report of the matrix-multiply-rate benchmark class.</summary>
    public static string ReportClassName => nameof(MatrixMultiplyRateBenchmarks);

    /// <summary>The best measured rate per precision in <paramref name="report"/>.</summary>
    public static MatrixMultiplyRates From(MarkdownReport report) => new(
        Rated(report).GroupBy(r => r.Precision).ToDictionary(g => g.Key, g => g.Max(r => r.Rate), StringComparer.OrdinalIgnoreCase));

    /// <summary>
    /// One line per row of <paramref name="report"/> with a rate: its GFLOP/s over the machine's best of the same precision.
    /// </summary>
    public IReadOnlyList<string> FractionLines(MarkdownReport report) =>
    [
        .. Rated(report).Select(r => _best.TryGetValue(r.Precision, out var best) && best > 0
            ? $"- {r.Label}: {Format(r.Rate)} of {Format(best)} GFLOP/s = **{(r.Rate / best * 100).ToString("F0", CultureInfo.InvariantCulture)} %**"
            : $"- {r.Label}: {Format(r.Rate)} GFLOP/s (no {r.Precision} matrix-multiply rate measured)"),
    ];

    private static IEnumerable<(string Label, string Precision, double Rate)> Rated(MarkdownReport report)
    {
        var mean = report.Header.ToList().IndexOf("Mean");
        foreach (var row in report.Rows)
        {
            if (!double.TryParse(report.Cell(row, FlopsColumn.PerSecondName), NumberStyles.Float | NumberStyles.AllowThousands,
                    CultureInfo.InvariantCulture, out var rate))
                continue;
            // The left-aligned cells before Mean say which case the row is: the method, then its parameters.
            var parameters = Enumerable.Range(1, Math.Max(0, Math.Min(mean, row.Count) - 1))
                .Where(i => i < report.RightAligned.Count && !report.RightAligned[i]).Select(i => $"{report.Header[i]}={row[i]}");
            var label = $"{row[0]} ({string.Join(", ", parameters)})";
            yield return (label, report.Cell(row, "Precision") ?? DefaultPrecision, rate);
        }
    }

    private static string Format(double gflops) => gflops.ToString("F1", CultureInfo.InvariantCulture);
}
