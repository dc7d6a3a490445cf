using System.Globalization;

namespace MaPLe.Cli.Sweeps;

/// <summary>
/// One number of a results table: the mean over the seeds that finished, their sample standard deviation, how many
/// seeds that is out of how many the grid has, and — when none finished — why (missing, running, failed).
/// </summary>
/// <param name="Mean">Mean over finished seeds (null when none).</param>
/// <param name="Std">Sample standard deviation (n−1; 0 for one seed); null where the papers give none (HM, differences).</param>
/// <param name="Seeds">Seeds that finished.</param>
/// <param name="ExpectedSeeds">Seeds the grid has.</param>
/// <param name="Status">What the missing seeds are (missing, running, failed), null when complete.</param>
public sealed record TableValue(double? Mean, double? Std, int Seeds, int ExpectedSeeds, string? Status)
{
    /// <summary>A text shown instead of the number (a count such as <c>3/4</c>).</summary>
    public string? Text { get; init; }

    /// <summary>Whether every seed finished.</summary>
    public bool Complete => Seeds == ExpectedSeeds && Mean is not null;

    /// <summary>Mean ± std of <paramref name="values"/>, out of <paramref name="expected"/> seeds.</summary>
    public static TableValue Of(IReadOnlyList<double> values, int expected, string? status)
    {
        if (values.Count == 0) return new TableValue(null, null, 0, expected, status ?? "missing");
        double mean = values.Sum() / values.Count;
        double std = values.Count < 2 ? 0 : Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1));
        return new TableValue(mean, std, values.Count, expected, values.Count < expected ? status ?? "missing" : null);
    }

    /// <summary>A derived number without a spread (HM of means, a difference), complete when its inputs are.</summary>
    public static TableValue Derived(double? value, params TableValue[] inputs)
    {
        int seeds = inputs.Min(i => i.Seeds), expected = inputs.Max(i => i.ExpectedSeeds);
        string? status = inputs.Select(i => i.Status).FirstOrDefault(s => s is not null);
        return value is null || inputs.Any(i => i.Mean is null)
            ? new TableValue(null, null, 0, expected, status ?? "missing")
            : new TableValue(value, null, seeds, expected, status);
    }

    /// <summary>
    /// As printed: <c>71.20 ± 0.85</c>; <c>71.20 ± 0.85 (2/3 seeds; failed)</c> when seeds are missing; the status
    /// (<c>missing</c>, <c>running</c>, <c>failed</c>) when none finished.
    /// </summary>
    public override string ToString()
    {
        if (Text is not null) return Text;
        if (Mean is not { } mean) return Status ?? "missing";
        string text = Std is { } std ? F($"{mean:F2} ± {std:F2}") : F($"{mean:F2}");
        return Complete ? text : F($"{text} ({Seeds}/{ExpectedSeeds} seeds; {Status})");
    }

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
