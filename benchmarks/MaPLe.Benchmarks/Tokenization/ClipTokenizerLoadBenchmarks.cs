using BenchmarkDotNet.Attributes;
using MaPLe.Tokenization;

namespace MaPLe.Benchmarks.Tokenization;

/// <summary>Loading OpenAI's merges file (gzip, 48,894 of its 262,145 merges read).</summary>
[MemoryDiagnoser]
public class ClipTokenizerLoadBenchmarks
{
    private string path = null!;

    /// <summary>Finds the file.</summary>
    [GlobalSetup]
    public void Setup() => path = BenchmarkVocabulary.BpeFile();

    /// <summary><see cref="ClipTokenizer.FromBpeFile"/>.</summary>
    [Benchmark]
    public int LoadOpenAiVocabulary() => ClipTokenizer.FromBpeFile(path).VocabularySize;
}
