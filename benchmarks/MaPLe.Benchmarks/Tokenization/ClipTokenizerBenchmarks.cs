using BenchmarkDotNet.Attributes;
using MaPLe.Tokenization;
using TorchSharp;

namespace MaPLe.Benchmarks.Tokenization;

/// <summary>
/// Tokenizing 1,000 class prompts <c>"a photo of a {name}."</c> to 77-id rows: with an empty BPE cache (every new word
/// merged from its bytes) and with a warm one (the steady state of a prompt learner that re-tokenizes its classes).
/// </summary>
[MemoryDiagnoser]
public class ClipTokenizerBenchmarks
{
    private ClipTokenizer tokenizer = null!;
    private string[] prompts = null!;

    /// <summary>Loads OpenAI's vocabulary and builds the prompts.</summary>
    [GlobalSetup]
    public void Setup()
    {
        tokenizer = ClipTokenizer.FromBpeFile(BenchmarkVocabulary.BpeFile());
        prompts = BenchmarkVocabulary.ClassNames(1000).Select(name => $"a photo of a {name}.").ToArray();
        _ = WarmCache();
    }

    /// <summary>1,000 prompts after clearing the cache.</summary>
    [Benchmark]
    public long ColdCache()
    {
        tokenizer.ClearCache();
        return TokenizeAll();
    }

    /// <summary>1,000 prompts whose words are all cached.</summary>
    [Benchmark(Baseline = true)]
    public long WarmCache() => TokenizeAll();

    /// <summary>1,000 prompts as one int64 tensor [1000, 77] (warm cache).</summary>
    [Benchmark]
    public long WarmCacheTensor()
    {
        using var scope = torch.NewDisposeScope();
        return tokenizer.TokenizeBatch(prompts, ClipTokenizer.DefaultContextLength).shape[0];
    }

    private long TokenizeAll()
    {
        long sum = 0;
        foreach (var prompt in prompts)
            sum += tokenizer.Tokenize(prompt, ClipTokenizer.DefaultContextLength)[5];
        return sum;
    }
}
