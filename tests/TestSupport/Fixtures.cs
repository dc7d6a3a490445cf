namespace MaPLe.Tests.TestSupport;

/// <summary>
/// Locates the fixture sets: <c>MAPLE_FIXTURES</c> when set (the only set run), else <c>../shared/fixtures/reference</c>
/// and <c>../shared/fixtures/successors</c> beside the clone. <c>clip-tiny/</c> and <c>clip/</c> fall back to the default
/// set when the chosen set lacks them. Rows of data-driven tests are named <c>&lt;set&gt;/&lt;case&gt;</c>.
/// </summary>
public static class Fixtures
{
    private static readonly Lazy<string> RepoRootLazy = new(FindRepoRoot);

    /// <summary>The repository root (the folder holding MaPLe.Core.sln).</summary>
    public static string RepoRoot => RepoRootLazy.Value;

    /// <summary>The default fixture set shipped beside the clone.</summary>
    public static string DefaultRoot => Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "fixtures", "reference"));

    /// <summary>The successor methods' set (PromptSRC, KgCoOp, ProGrad) shipped beside the clone.</summary>
    public static string SuccessorsRoot => Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "fixtures", "successors"));

    /// <summary>
    /// Every fixture set under test: <c>MAPLE_FIXTURES</c> alone when set, else the default and the successors' sets
    /// (those present).
    /// </summary>
    public static IReadOnlyList<string> Roots =>
        string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("MAPLE_FIXTURES"))
            ? new[] { DefaultRoot, SuccessorsRoot }.Where((r, i) => i == 0 || Directory.Exists(r)).ToList()
            : [Root];

    /// <summary>The set a row name (<c>&lt;set&gt;/…</c>) belongs to; a name without a set belongs to <see cref="Root"/>.</summary>
    public static (string Root, string Relative) Resolve(string row)
    {
        int slash = row.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0) return (Root, row);
        string set = row[..slash];
        var root = Roots.FirstOrDefault(r => Path.GetFileName(r) == set)
            ?? throw new InvalidOperationException($"Fixture row '{row}' names set '{set}', which is not under test ({string.Join(", ", Roots)}).");
        return (root, row[(slash + 1)..]);
    }

    /// <summary>The row name of <paramref name="relative"/> inside <paramref name="root"/>.</summary>
    public static string RowName(string root, string relative) => $"{Path.GetFileName(root)}/{relative}";

    /// <summary>The primary fixture set under test (also where <c>clip-tiny/</c> and <c>clip/</c> are looked up first).</summary>
    public static string Root
    {
        get
        {
            var env = Environment.GetEnvironmentVariable("MAPLE_FIXTURES");
            return string.IsNullOrWhiteSpace(env) ? DefaultRoot : Path.GetFullPath(env);
        }
    }

    /// <summary>A path inside the fixture set under test.</summary>
    public static string Path_(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>The tiny CLIP folder (from the set under test, else the default set).</summary>
    public static string ClipTinyDir => Existing("clip-tiny");

    /// <summary>The folder with the BPE vocabulary (from the set under test, else the default set).</summary>
    public static string ClipDir => Existing("clip");

    /// <summary>The OpenAI-named tiny CLIP weights.</summary>
    public static string TinyOpenAiWeights => Path.Combine(ClipTinyDir, "openai.safetensors");

    /// <summary>The Hugging Face-named tiny CLIP weights.</summary>
    public static string TinyHfWeights => Path.Combine(ClipTinyDir, "hf.safetensors");

    /// <summary>CLIP's BPE merges file.</summary>
    public static string BpeVocab => Path.Combine(ClipDir, "bpe_simple_vocab_16e6.txt.gz");

    /// <summary>Every case under <c>cases/</c> of every set under test, as <c>&lt;set&gt;/&lt;case&gt;</c> (empty when none has any).</summary>
    public static IEnumerable<string> CaseNames() =>
        Roots.SelectMany(root =>
        {
            var dir = Path.Combine(root, "cases");
            return Directory.Exists(dir)
                ? Directory.GetDirectories(dir).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).Select(n => RowName(root, n))
                : [];
        });

    /// <summary>
    /// Every folder of every set under test that matches <paramref name="pattern"/> (relative, e.g. <c>gpa</c> or
    /// <c>trajectories/*</c>) and holds a case.json, as <c>&lt;set&gt;/&lt;folder&gt;</c> rows.
    /// </summary>
    public static IEnumerable<string> FoldersWithCase(string pattern)
    {
        foreach (var root in Roots)
        {
            string parent = Path.GetDirectoryName(pattern) is { Length: > 0 } p ? Path.Combine(root, p) : root;
            if (!Directory.Exists(parent)) continue;
            foreach (var dir in Directory.GetDirectories(parent, Path.GetFileName(pattern)).Order(StringComparer.Ordinal))
                if (File.Exists(Path.Combine(dir, "case.json")))
                    yield return RowName(root, Path.GetRelativePath(root, dir).Replace('\\', '/'));
        }
    }

    /// <summary>The folder of a row named by <see cref="FoldersWithCase"/>.</summary>
    public static string FolderOf(string row)
    {
        var (root, relative) = Resolve(row);
        return Path.Combine(root, relative);
    }

    private static string Existing(string sub)
    {
        var p = Path.Combine(Root, sub);
        return Directory.Exists(p) ? p : Path.Combine(DefaultRoot, sub);
    }

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "MaPLe.Core.sln")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("MaPLe.Core.sln not found above " + AppContext.BaseDirectory);
    }
}
