namespace MaPLe.Benchmarks.Reporting;

/// <summary>
/// One BenchmarkDotNet GitHub-Markdown report (<c>&lt;Namespace.Class&gt;-report-github.md</c>): the fenced block with the
/// environment and the job settings, then the results table.
/// </summary>
internal sealed class MarkdownReport
{
    /// <summary>The ending BenchmarkDotNet gives the GitHub-Markdown report of each benchmark class.</summary>
    public const string FileSuffix = "-report-github.md";

    private MarkdownReport(string className, string environment, string settings, IReadOnlyList<string> tableLines, string source)
    {
        ClassName = className;
        Environment = environment;
        Settings = settings;
        TableLines = tableLines;
        Source = source;
        Header = Cells(tableLines[0]);
        RightAligned = [.. Cells(tableLines[1]).Select(c => c.EndsWith(':'))];
        Rows = [.. tableLines.Skip(2).Select(Cells)];
    }

    /// <summary>The benchmark class (the file name without namespace and suffix).</summary>
    public string ClassName { get; }

    /// <summary>BenchmarkDotNet's description of the machine and runtime (first paragraph of the fenced block).</summary>
    public string Environment { get; }

    /// <summary>The job settings shared by every row (rest of the fenced block), possibly empty.</summary>
    public string Settings { get; }

    /// <summary>The table as BenchmarkDotNet wrote it.</summary>
    public IReadOnlyList<string> TableLines { get; }

    /// <summary>The column names.</summary>
    public IReadOnlyList<string> Header { get; }

    /// <summary>Per column, whether it is right-aligned: BenchmarkDotNet aligns numeric result columns right, parameters left.</summary>
    public IReadOnlyList<bool> RightAligned { get; }

    /// <summary>The cells of each row, without BenchmarkDotNet's bold marks.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Rows { get; }

    /// <summary>The file it was read from (for messages).</summary>
    public string Source { get; }

    /// <summary>The cell of <paramref name="row"/> in the column named <paramref name="column"/>, or null without such a column.</summary>
    public string? Cell(IReadOnlyList<string> row, string column)
    {
        var index = Header.ToList().IndexOf(column);
        return index >= 0 && index < row.Count ? row[index] : null;
    }

    /// <summary>Parses the text of the report <paramref name="path"/> (its file name gives the class name).</summary>
    /// <exception cref="InvalidDataException">The text has no results table.</exception>
    public static MarkdownReport Parse(string path, string text)
    {
        var name = Path.GetFileName(path);
        var stem = name.EndsWith(FileSuffix, StringComparison.Ordinal) ? name[..^FileSuffix.Length] : Path.GetFileNameWithoutExtension(name);
        var className = stem[(stem.LastIndexOf('.') + 1)..];

        var lines = text.ReplaceLineEndings("\n").Split('\n');
        var fence = lines.Select((l, i) => (l, i)).Where(x => x.l.TrimStart().StartsWith("```", StringComparison.Ordinal)).Select(x => x.i).Take(2).ToList();
        var block = fence.Count == 2 ? lines[(fence[0] + 1)..fence[1]] : [];
        var paragraphs = string.Join('\n', block).Trim('\n').Split("\n\n", 2);
        var table = lines.Skip(fence.Count == 2 ? fence[1] + 1 : 0).Where(l => l.TrimStart().StartsWith('|')).ToList();
        if (table.Count < 2)
            throw new InvalidDataException($"'{path}' has no results table: it is not a BenchmarkDotNet GitHub-Markdown report (re-run the benchmarks, or remove the file).");
        return new MarkdownReport(className, paragraphs[0].Trim(), paragraphs.Length > 1 ? paragraphs[1].Trim() : "", table, path);
    }

    private static IReadOnlyList<string> Cells(string line) =>
        [.. line.Trim().Trim('|').Split('|').Select(c => c.Trim().Replace("**", "", StringComparison.Ordinal))];
}
