using System.IO.Compression;
using System.Text;
using MaPLe.Tokenization;

namespace MaPLe.Tests.Tokenization;

public sealed class BpeTrainerTests
{
    // Sennrich et al.'s example: low x5, lower x2, newest x6, widest x3.
    private static readonly string[] Corpus =
    [
        "low low low low low", "lower lower", "newest newest newest", "Newest NEWEST newest", "widest widest widest",
    ];

    [Fact]
    public void Most_frequent_pair_is_merged_first_and_ties_go_to_the_smaller_left_token()
    {
        var table = new BpeTrainer(new BpeTrainerOptions { MergeCount = 4 }).Train(Corpus);

        // Pair counts (hand-computed): e+s 9, s+t</w> 9 (tie: "e" < "s"), then es+t</w> 9, l+o 7, and then
        // n+e, e+w and w+est</w> all 6 (tie: "e" is the smallest left token).
        Assert.Equal(
            [new BpeMerge("e", "s", 9), new BpeMerge("es", "t</w>", 9), new BpeMerge("l", "o", 7), new BpeMerge("e", "w", 6)],
            table.Merges);
        Assert.Equal(512 + 4 + 2, table.VocabularySize);
    }

    [Fact]
    public void Learned_file_loads_and_round_trips()
    {
        using var dir = new TempDirectory();
        var table = new BpeTrainer(new BpeTrainerOptions { MergeCount = 40 }).Train(Corpus);
        table.Save(dir.File("vocab.txt.gz"));

        var tokenizer = ClipTokenizer.FromBpeFile(dir.File("vocab.txt.gz"));
        Assert.Equal(table.VocabularySize, tokenizer.VocabularySize);
        Assert.Equal(table.Merges.Count, tokenizer.MergeCount);
        Assert.Equal(tokenizer.VocabularySize - 2, tokenizer.StartOfText);
        Assert.Equal(tokenizer.VocabularySize - 1, tokenizer.EndOfText);

        // Every corpus word became one token; the ids are those of CLIP's layout (512 + merge rank).
        var newest = tokenizer.Encode("newest");
        Assert.Single(newest);
        Assert.Equal(512 + table.Merges.ToList().FindLastIndex(m => m.Left + m.Right == "newest</w>"), newest[0]);
        Assert.Equal(4, tokenizer.Encode("low lower newest widest").Count);

        foreach (var text in new[] { "low lower newest widest", "unseen words like zebra", "東京 😀" })
            Assert.Equal(text, tokenizer.Decode(tokenizer.Encode(text)));
        Assert.Equal(table.CreateTokenizer().Tokenize("lowest newer", 16), tokenizer.Tokenize("lowest newer", 16));
    }

    [Fact]
    public void Saved_file_has_clip_format_without_a_trailing_newline()
    {
        using var dir = new TempDirectory();
        var table = new BpeTrainer(new BpeTrainerOptions { MergeCount = 3 }).Train(Corpus);
        table.Save(dir.File("merges.txt"));
        table.Save(dir.File("merges.txt.gz"));

        var text = File.ReadAllText(dir.File("merges.txt"));
        Assert.Equal("#version: 0.2\ne s\nes t</w>\nl o", text);
        using var gz = new GZipStream(File.OpenRead(dir.File("merges.txt.gz")), CompressionMode.Decompress);
        Assert.Equal(text, new StreamReader(gz, Encoding.UTF8).ReadToEnd());
        Assert.Equal(["merges.txt", "merges.txt.gz"], Directory.GetFiles(dir.Path).Select(p => Path.GetFileName(p)).Order().ToArray());
    }

    [Fact]
    public void Training_is_deterministic_whatever_the_corpus_order()
    {
        var texts = Enumerable.Range(0, 300).Select(i => $"a photo of a {(i % 7 == 0 ? "red" : "blue")} shape number {i % 13}, size {i % 5}.").ToList();
        var options = new BpeTrainerOptions { VocabularySize = 600, MinFrequency = 1 };
        var first = new BpeTrainer(options).Train(texts);
        var second = new BpeTrainer(options).Train(Enumerable.Reverse(texts));

        Assert.Equal(first.Merges, second.Merges);
        using var dir = new TempDirectory();
        first.Save(dir.File("a.txt"));
        second.Save(dir.File("b.txt"));
        Assert.Equal(File.ReadAllBytes(dir.File("a.txt")), File.ReadAllBytes(dir.File("b.txt")));
    }

    [Fact]
    public void Training_stops_when_pairs_get_rarer_than_min_frequency()
    {
        Assert.Empty(new BpeTrainer(new BpeTrainerOptions { MergeCount = 10, MinFrequency = 10 }).Train(Corpus).Merges);
        var merges = new BpeTrainer(new BpeTrainerOptions { MergeCount = 1000, MinFrequency = 2 }).Train(Corpus).Merges;
        Assert.True(merges.Count < 1000);
        Assert.All(merges, m => Assert.True(m.Frequency >= 2));
    }

    [Fact]
    public void Special_tokens_in_the_corpus_are_not_learned_from()
    {
        var merges = new BpeTrainer(new BpeTrainerOptions { MergeCount = 50, MinFrequency = 1 })
            .Train(["<|startoftext|>ab<|endoftext|>", "<|endoftext|>"]).Merges;
        Assert.Equal([new BpeMerge("a", "b</w>", 1)], merges);
    }

    [Theory]
    [InlineData(null, null, 2)]
    [InlineData(10, 600, 2)]
    [InlineData(-1, null, 2)]
    [InlineData(null, 513, 2)]
    [InlineData(10, null, 0)]
    public void Invalid_options_are_rejected(int? merges, int? vocabularySize, int minFrequency) =>
        Assert.Throws<ArgumentException>(() => new BpeTrainer(
            new BpeTrainerOptions { MergeCount = merges, VocabularySize = vocabularySize, MinFrequency = minFrequency }));
}
