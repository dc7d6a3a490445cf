namespace MaPLe.Tests.TestSupport;

/// <summary>
/// Locates the reference fixtures: <c>MAPLE_FIXTURES</c> when set, else <c>../shared/fixtures/reference</c> beside the
/// clone. <c>clip-tiny/</c> and <c>clip/</c> fall back to the default set when the chosen set lacks them.
/// </summary>
public static class Fixtures
{
    private static readonly Lazy<string> RepoRootLazy = new(FindRepoRoot);

    /// <summary>The repository root (the folder holding MaPLe.Core.sln).</summary>
    public static string RepoRoot => RepoRootLazy.Value;

    /// <summary>The default fixture set shipped beside the clone.</summary>
    public static string DefaultRoot => Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "fixtures", "reference"));

    /// <summary>The fixture set under test.</summary>
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

    /// <summary>Every case folder name under <c>cases/</c> of the set under test (empty when it has none).</summary>
    public static IEnumerable<string> CaseNames()
    {
        var dir = Path.Combine(Root, "cases");
        return Directory.Exists(dir)
            ? Directory.GetDirectories(dir).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)
            : [];
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
