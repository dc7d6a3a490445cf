using System.Text.RegularExpressions;
using System.Xml.Linq;
using MaPLe.Tests.TestSupport;

namespace MaPLe.Tests.Docs;

/// <summary>
/// The package lines of a notebook cell: <c>#i "nuget: &lt;feed&gt;"</c> (a package source) and
/// <c>#r "nuget: &lt;id&gt;, &lt;version&gt;"</c> (a package), in order, and the versions the repository builds.
/// </summary>
public static partial class NotebookPackageSources
{
    /// <summary>A <c>#i</c> or <c>#r "nuget: ..."</c> line: its 0-based line number, kind ('i' or 'r'), the first value and the version (for <c>#r</c>).</summary>
    public sealed record Directive(int Line, char Kind, string Value, string? Version);

    /// <summary>Every <c>#i "nuget: ..."</c> and <c>#r "nuget: ..."</c> line of <paramref name="cellSource"/>.</summary>
    public static IReadOnlyList<Directive> Read(string cellSource) =>
        [.. cellSource.Split('\n').Select((line, i) => (Match: NugetDirective().Match(line.Trim()), Line: i)).Where(m => m.Match.Success)
            .Select(m => new Directive(m.Line, m.Match.Groups["kind"].Value[0], m.Match.Groups["value"].Value.Trim(),
                m.Match.Groups["version"].Success ? m.Match.Groups["version"].Value.Trim() : null))];

    /// <summary>
    /// <paramref name="cellSource"/> with every <c>#i</c> feed replaced by <paramref name="feed"/> and the version of
    /// every package built from this repository (<c>MaPLe.*</c>) by <paramref name="version"/>: how a test points a
    /// notebook at the feed it packed, leaving every other line as the reader sees it.
    /// </summary>
    public static string PointAt(string cellSource, string feed, string version) =>
        string.Join('\n', cellSource.Split('\n').Select(line =>
        {
            var m = NugetDirective().Match(line.Trim());
            if (!m.Success) return line;
            if (m.Groups["kind"].Value == "i") return $"#i \"nuget: {feed}\"";
            var id = m.Groups["value"].Value.Trim();
            return id.StartsWith("MaPLe.", StringComparison.Ordinal) ? $"#r \"nuget: {id}, {version}\"" : line;
        }));

    /// <summary>The version this repository packs (Directory.Build.props).</summary>
    public static string RepositoryVersion => Property("Directory.Build.props", "Version");

    /// <summary>The libtorch CPU runtime version the repository uses (Directory.Packages.props).</summary>
    public static string LibTorchCpuVersion => Property("Directory.Packages.props", "LibTorchCpuVersion");

    private static string Property(string file, string name) =>
        XDocument.Load(Path.Combine(Fixtures.RepoRoot, file)).Descendants(name).First().Value.Trim();

    [GeneratedRegex("""^#(?<kind>[ir])\s+"nuget:\s*(?<value>[^,"]+)(,\s*(?<version>[^"]+))?"\s*$""")]
    private static partial Regex NugetDirective();
}
