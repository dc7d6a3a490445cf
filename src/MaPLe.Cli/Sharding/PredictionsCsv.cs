using System.Globalization;
using System.Text;
using MaPLe.Data;

namespace MaPLe.Cli.Sharding;

/// <summary>
/// <c>maple predict -o predictions.csv</c>: one line per image in input order — its path, then the top-k classes and
/// their probabilities (six decimals).
/// </summary>
public static class PredictionsCsv
{
    /// <summary>The header for <paramref name="k"/> predictions per image.</summary>
    public static string Header(int k) =>
        "path," + string.Join(',', Enumerable.Range(1, k).Select(i => string.Create(CultureInfo.InvariantCulture, $"class{i},probability{i}")));

    /// <summary>The line of one image.</summary>
    public static string Line(string image, IEnumerable<(string Class, double P)> top) =>
        Field(image) + "," + string.Join(',', top.Select(t => Field(t.Class) + "," + t.P.ToString("F6", CultureInfo.InvariantCulture)));

    /// <summary>Writes a header and lines atomically.</summary>
    public static void Write(string path, string header, IEnumerable<string> lines)
    {
        var text = new StringBuilder(header).Append('\n');
        foreach (var line in lines) text.Append(line).Append('\n');
        AtomicFile.WriteAllText(path, text.ToString());
    }

    /// <summary>A CSV field, quoted when it holds a comma, quote or line break (RFC 4180).</summary>
    public static string Field(string value) =>
        value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
