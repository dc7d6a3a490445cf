namespace MaPLe.Benchmarks.Prompting;

/// <summary>Files the benchmarks need: CLIP's BPE vocabulary (real token ids for the ViT-B/16-shaped CLIP).</summary>
internal static class BenchmarkAssets
{
    private const string VocabularyRelative = "shared/fixtures/reference/clip/bpe_simple_vocab_16e6.txt.gz";

    /// <summary>
    /// <c>MAPLE_BPE_VOCAB</c> when set; otherwise the fixture vocabulary beside the clone (<c>../shared/fixtures/...</c> of
    /// the folder holding MaPLe.Core.sln), found by walking up from the benchmark binaries.
    /// </summary>
    public static string BpeVocabulary
    {
        get
        {
            var env = Environment.GetEnvironmentVariable("MAPLE_BPE_VOCAB");
            if (!string.IsNullOrWhiteSpace(env))
                return File.Exists(env) ? env : throw new FileNotFoundException($"MAPLE_BPE_VOCAB points to '{env}', which does not exist.");
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (!File.Exists(Path.Combine(dir.FullName, "MaPLe.Core.sln"))) continue;
                var path = Path.GetFullPath(Path.Combine(dir.FullName, "..", VocabularyRelative));
                if (File.Exists(path)) return path;
            }
            throw new FileNotFoundException(
                $"CLIP's BPE vocabulary was not found: set MAPLE_BPE_VOCAB to bpe_simple_vocab_16e6.txt.gz (expected at ../{VocabularyRelative} beside the clone).");
        }
    }
}
