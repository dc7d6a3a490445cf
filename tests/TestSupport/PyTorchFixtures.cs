namespace MaPLe.Tests.TestSupport;

/// <summary>
/// Locates the PyTorch-format fixtures: <c>MAPLE_PYTORCH_FIXTURES</c> when set, else <c>../shared/fixtures/pytorch</c>
/// beside the clone. Every list is read from the folder, so a set with other files is tested as it is.
/// </summary>
public static class PyTorchFixtures
{
    /// <summary>The set under test.</summary>
    public static string Root
    {
        get
        {
            var env = Environment.GetEnvironmentVariable("MAPLE_PYTORCH_FIXTURES");
            return string.IsNullOrWhiteSpace(env)
                ? Path.GetFullPath(Path.Combine(Fixtures.RepoRoot, "..", "shared", "fixtures", "pytorch"))
                : Path.GetFullPath(env);
        }
    }

    /// <summary>The tiny CLIP every weights file must equal: the set's own <c>clip-tiny/</c>, else the reference set's.</summary>
    public static string TinyOpenAiWeights
    {
        get
        {
            var own = Path.Combine(Root, "clip-tiny", "openai.safetensors");
            return File.Exists(own) ? own : Fixtures.TinyOpenAiWeights;
        }
    }

    /// <summary>Every file under <c>weights/</c> that is not a description (.json/.md).</summary>
    public static TheoryData<string> WeightFiles() => Files("weights", f => !f.EndsWith(".json", StringComparison.Ordinal) && !f.EndsWith(".md", StringComparison.Ordinal)).OrPlaceholder("weights/");

    /// <summary>Every case folder under <c>checkpoints/</c>.</summary>
    public static TheoryData<string> CheckpointCases() => Folders("checkpoints").OrPlaceholder("checkpoints/");

    /// <summary>Every example folder under <c>export/</c>.</summary>
    public static TheoryData<string> ExportExamples() => Folders("export").OrPlaceholder("export/");

    /// <summary>Every file listed in <c>malicious/index.json</c>.</summary>
    public static TheoryData<string> MaliciousFiles()
    {
        var data = new TheoryData<string>();
        var index = Path.Combine(Root, "malicious", "index.json");
        if (File.Exists(index))
        {
            using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(index));
            foreach (var e in doc.RootElement.EnumerateArray()) data.Add(e.GetProperty("file").GetString()!);
        }
        return data.OrPlaceholder("malicious/index.json");
    }

    /// <summary>Every PyTorch file of the set outside <c>malicious/</c> (the fuzz test's seeds).</summary>
    public static IEnumerable<string> ValidArchives() =>
        Directory.Exists(Root)
            ? Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories)
                .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}malicious{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
                .Where(f => Path.GetFileName(f).Contains(".pt", StringComparison.Ordinal) || Path.GetFileName(f).Contains(".pth", StringComparison.Ordinal))
                .Order(StringComparer.Ordinal)
            : [];

    private static TheoryData<string> Files(string sub, Func<string, bool> keep)
    {
        var data = new TheoryData<string>();
        var dir = Path.Combine(Root, sub);
        if (Directory.Exists(dir))
            foreach (var f in Directory.GetFiles(dir).Select(Path.GetFileName).OfType<string>().Where(keep).Order(StringComparer.Ordinal))
                data.Add(f);
        return data;
    }

    private static TheoryData<string> Folders(string sub)
    {
        var data = new TheoryData<string>();
        var dir = Path.Combine(Root, sub);
        if (Directory.Exists(dir))
            foreach (var f in Directory.GetDirectories(dir).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal))
                data.Add(f);
        return data;
    }
}
