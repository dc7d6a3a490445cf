namespace MaPLe.Benchmarks.Reporting;

/// <summary>Reads the GitHub-Markdown reports of a BenchmarkDotNet results folder.</summary>
internal static class BenchmarkResults
{
    /// <summary>Where BenchmarkDotNet writes its reports, relative to the folder the benchmarks ran in.</summary>
    public const string DefaultFolder = "BenchmarkDotNet.Artifacts/results";

    /// <summary>Every <c>*-report-github.md</c> of <paramref name="folder"/>, by class name, and the time of the newest.</summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="FileNotFoundException">The folder holds no GitHub-Markdown report.</exception>
    public static (IReadOnlyList<MarkdownReport> Reports, DateTime NewestUtc) Load(string folder)
    {
        var full = Path.GetFullPath(folder);
        if (!Directory.Exists(full))
            throw new DirectoryNotFoundException(
                $"BenchmarkDotNet results folder '{full}' does not exist: run the benchmarks first (from the folder that should hold " +
                $"{DefaultFolder}), or pass --results with the folder that holds the *{MarkdownReport.FileSuffix} files.");
        var files = Directory.GetFiles(full, "*" + MarkdownReport.FileSuffix).Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0)
            throw new FileNotFoundException(
                $"'{full}' holds no *{MarkdownReport.FileSuffix} report: run the benchmarks with BenchmarkDotNet's default exporters " +
                "(the suite's configuration keeps them) and render again.", full);
        var reports = files.Select(f => MarkdownReport.Parse(f, File.ReadAllText(f))).OrderBy(r => r.ClassName, StringComparer.Ordinal).ToList();
        return (reports, files.Max(File.GetLastWriteTimeUtc));
    }
}
