using System.Text.Json;
using BenchmarkDotNet.Attributes;
using MaPLe.Tokenization;
using Microsoft.ML.Tokenizers;

namespace MaPLe.Benchmarks.Tokenization;

/// <summary>
/// Whether <c>Microsoft.ML.Tokenizers</c> could do this library's BPE: CLIP's vocabulary loaded, and the texts of the
/// tokenizer fixture plus 1,000 class prompts encoded, by this library and by <c>BpeTokenizer</c> (byte-level,
/// <c>&lt;/w&gt;</c> end-of-word suffix, fed this library's normalised pre-tokens; it has no CLIP pre-tokenizer).
/// The setup prints how many pre-tokens get identical ids and how many fixture entries the library reproduces.
/// </summary>
[MemoryDiagnoser]
public class BpeLibraryBenchmarks
{
    private string path = null!;
    private string[] texts = null!;
    private string[] pieces = null!;
    private ClipTokenizer ours = null!;
    private BpeTokenizer library = null!;

    /// <summary>Loads both and compares their ids on every pre-token and on every fixture entry.</summary>
    [GlobalSetup]
    public void Setup()
    {
        path = BenchmarkVocabulary.BpeFile();
        ours = ClipTokenizer.FromBpeFile(path);
        library = LoadLibrary();
        var fixture = Fixture();
        texts = [.. fixture.Select(f => f.Text).Concat(BenchmarkVocabulary.ClassNames(1000).Select(n => $"a photo of a {n}."))];
        pieces = [.. texts.SelectMany(PreTokens).Distinct(StringComparer.Ordinal)];

        var model = ClipBpeModel.FromOpenAiMerges(BpeFileReader.ReadOpenAiMerges(path, ClipTokenizer.OpenAiMergeCount), path);
        var different = pieces.Where(p => !model.EncodePiece(p).SequenceEqual(LibraryIds(p))).ToList();
        int fixtureSame = fixture.Count(f => LibraryTokenize(f.Text, f.Truncate).SequenceEqual(f.Ids));
        Console.WriteLine($"// BpeLibrary: identical ids on {pieces.Length - different.Count} of {pieces.Length} distinct pre-tokens " +
                          $"({texts.Length} texts); the library reproduces {fixtureSame} of {fixture.Count} tokenizer.json entries" +
                          (different.Count == 0 ? "" : $"; first difference: \"{different[0]}\" ours [{string.Join(",", model.EncodePiece(different[0]))}] " +
                                                       $"library [{string.Join(",", LibraryIds(different[0]))}]"));
    }

    /// <summary>This library: OpenAI's merges file read and the merge table built.</summary>
    [Benchmark(Baseline = true)]
    public int LoadOurs() => ClipTokenizer.FromBpeFile(path).VocabularySize;

    /// <summary>Microsoft.ML.Tokenizers: the same merges read, plus the vocabulary CLIP derives from them, into a BpeTokenizer.</summary>
    [Benchmark]
    public object LoadWithLibrary() => LoadLibrary();

    /// <summary>Cold: loaded, then every distinct pre-token merged once (the merge loop without any cache hit).</summary>
    [Benchmark]
    public long LoadAndMergeOurs()
    {
        var fresh = ClipTokenizer.FromBpeFile(path);
        long sum = 0;
        foreach (var p in pieces) sum += fresh.Encode(p).Count;
        return sum;
    }

    /// <summary>Cold, with the library: loaded, then every distinct pre-token merged once.</summary>
    [Benchmark]
    public long LoadAndMergeWithLibrary()
    {
        var fresh = LoadLibrary();
        long sum = 0;
        foreach (var p in pieces) sum += fresh.EncodeToIds(p, considerPreTokenization: false, considerNormalization: false).Count;
        return sum;
    }

    /// <summary>Warm: every text tokenized to 77 ids (normalisation, pre-tokenization, cached merges).</summary>
    [Benchmark]
    public long TokenizeOurs()
    {
        long sum = 0;
        foreach (var t in texts) sum += ours.Tokenize(t, ClipTokenizer.DefaultContextLength, truncate: true)[1];
        return sum;
    }

    /// <summary>Warm, with the library doing the merges (its own cache) behind this library's normaliser and pre-tokenizer.</summary>
    [Benchmark]
    public long TokenizeWithLibrary()
    {
        long sum = 0;
        foreach (var t in texts) sum += LibraryTokenize(t, truncate: true)[1];
        return sum;
    }

    private static IEnumerable<string> PreTokens(string text) => ClipPreTokenizer.Split(ClipTextNormalizer.Normalize(text));

    private IReadOnlyList<int> LibraryIds(string piece) =>
        library.EncodeToIds(piece, considerPreTokenization: false, considerNormalization: false);

    // clip.tokenize: start, the pieces' ids, end; cut at 77 with the end id last when truncating; zero padding.
    private int[] LibraryTokenize(string text, bool truncate)
    {
        var ids = new List<int> { ours.StartOfText };
        foreach (var p in PreTokens(text)) ids.AddRange(LibraryIds(p));
        ids.Add(ours.EndOfText);
        var result = new int[ClipTokenizer.DefaultContextLength];
        if (ids.Count > result.Length)
        {
            if (!truncate) return [];
            ids = ids[..result.Length];
            ids[^1] = ours.EndOfText;
        }
        ids.CopyTo(result);
        return result;
    }

    // CLIP's vocabulary is the 256 byte tokens, the same with </w>, one token per merge, then the two special tokens.
    private BpeTokenizer LoadLibrary()
    {
        var rules = BpeFileReader.ReadOpenAiMerges(path, ClipTokenizer.OpenAiMergeCount);
        var bytes = ByteLevelAlphabet.BytesInVocabularyOrder.Select(b => ByteLevelAlphabet.CharOfByte[b].ToString()).ToList();
        var tokens = bytes.Concat(bytes.Select(t => t + ClipTokenizer.EndOfWordSuffix)).Concat(rules.Select(r => r.Left + r.Right))
            .Append(ClipTokenizer.StartOfTextToken).Append(ClipTokenizer.EndOfTextToken);
        return BpeTokenizer.Create(new BpeOptions(tokens.Select((t, i) => new KeyValuePair<string, int>(t, i)))
        {
            Merges = rules.Select(r => r.Left + " " + r.Right),
            ByteLevel = true,
            EndOfWordSuffix = ClipTokenizer.EndOfWordSuffix,
        });
    }

    private static List<(string Text, bool Truncate, int[] Ids)> Fixture()
    {
        var file = Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(BenchmarkVocabulary.BpeFile())!)!, "tokenizer.json");
        if (!File.Exists(file))
            throw new FileNotFoundException($"The tokenizer fixture '{file}' is missing: set MAPLE_FIXTURES to the reference fixture folder.");
        using var json = JsonDocument.Parse(File.ReadAllText(file));
        return [.. json.RootElement.EnumerateArray().Select(e => (e.GetProperty("text").GetString()!, e.GetProperty("truncate").GetBoolean(),
            e.GetProperty("ids").EnumerateArray().Select(i => i.GetInt32()).ToArray()))];
    }
}
