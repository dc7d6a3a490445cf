namespace MaPLe.Benchmarks.Tokenization;

/// <summary>Finds OpenAI's merges file and makes deterministic class names for the tokenizer benchmarks.</summary>
internal static class BenchmarkVocabulary
{
    /// <summary>
    /// <c>MAPLE_BPE_VOCAB</c> when set, else <c>$MAPLE_FIXTURES/clip/</c>, else the default fixture set beside the
    /// clone (<c>../shared/fixtures/reference/clip/</c> from the folder holding MaPLe.Core.sln).
    /// </summary>
    public static string BpeFile()
    {
        const string name = "bpe_simple_vocab_16e6.txt.gz";
        if (Environment.GetEnvironmentVariable("MAPLE_BPE_VOCAB") is { Length: > 0 } explicitPath)
            return explicitPath;
        if (Environment.GetEnvironmentVariable("MAPLE_FIXTURES") is { Length: > 0 } fixtures
            && File.Exists(Path.Combine(fixtures, "clip", name)))
            return Path.Combine(fixtures, "clip", name);

        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "MaPLe.Core.sln")))
            dir = dir.Parent;
        return dir is null
            ? throw new FileNotFoundException($"{name} not found: set MAPLE_BPE_VOCAB to its path.")
            : Path.Combine(dir.FullName, "..", "shared", "fixtures", "reference", "clip", name);
    }

    /// <summary><paramref name="count"/> distinct made-up class names of one to three words (seeded, so every run is alike).</summary>
    public static string[] ClassNames(int count)
    {
        string[] syllables = ["ka", "lo", "mi", "ne", "ru", "sa", "to", "vi", "ze", "por", "quin", "der", "bel", "tri", "ash", "um"];
        var random = new Random(42);
        var names = new HashSet<string>(StringComparer.Ordinal);
        while (names.Count < count)
        {
            var words = Enumerable.Range(0, random.Next(1, 4)).Select(_ =>
                string.Concat(Enumerable.Range(0, random.Next(2, 5)).Select(_ => syllables[random.Next(syllables.Length)])));
            names.Add(string.Join(' ', words));
        }

        return names.Order(StringComparer.Ordinal).ToArray();
    }
}
