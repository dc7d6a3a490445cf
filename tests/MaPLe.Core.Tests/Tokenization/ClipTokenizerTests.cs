using MaPLe.Tokenization;

namespace MaPLe.Tests.Tokenization;

public sealed class ClipTokenizerTests
{
    private static ClipTokenizer Tokenizer => TokenizerFixtures.OpenAi;

    [Fact]
    public void OpenAi_file_gives_49408_tokens_and_the_special_ids_at_the_end()
    {
        Assert.Equal(49_408, Tokenizer.VocabularySize);
        Assert.Equal(48_894, Tokenizer.MergeCount);
        Assert.Equal(49_406, Tokenizer.StartOfText);
        Assert.Equal(49_407, Tokenizer.EndOfText);
    }

    [Fact]
    public void Check_values_of_the_reference()
    {
        // maple-reference.md §7.
        Assert.Equal([49406, 320, 1125, 539, 320, 49407], Tokenizer.Tokenize("a photo of a", 77)[..6]);
        Assert.Equal([320, 3878, 28394, 269, 49407], Tokenizer.Tokenize("a photo of a golden retriever.", 77)[4..9]);
        Assert.Equal([343, 343], Tokenizer.Encode("X X"));
        Assert.Equal([269], Tokenizer.Encode("."));
    }

    [Fact]
    public void Tokenize_pads_with_zeros_to_the_context_length()
    {
        var row = Tokenizer.Tokenize("a photo of a", 10);
        Assert.Equal([49406, 320, 1125, 539, 320, 49407, 0, 0, 0, 0], row);
        Assert.Equal([49406, 49407], Tokenizer.Tokenize("", 2));
    }

    [Fact]
    public void Too_long_text_names_the_text_and_its_token_count()
    {
        var text = string.Join(' ', Enumerable.Repeat("word", 80));
        var error = Assert.Throws<ArgumentException>(() => Tokenizer.Tokenize(text, 77));
        Assert.Equal("text", error.ParamName);
        Assert.Contains("\"word word", error.Message);
        Assert.Contains("82 tokens", error.Message);
        Assert.Contains("context length 77", error.Message);

        // Exactly at the limit is fine: 75 words + start + end.
        Assert.Equal(49407, Tokenizer.Tokenize(string.Join(' ', Enumerable.Repeat("word", 75)), 77)[76]);
        Assert.Throws<ArgumentException>(() => Tokenizer.Tokenize(string.Join(' ', Enumerable.Repeat("word", 76)), 77));
    }

    [Fact]
    public void Truncate_cuts_and_keeps_the_end_token_last()
    {
        var row = Tokenizer.Tokenize("a photo of a golden retriever.", 5, truncate: true);
        Assert.Equal([49406, 320, 1125, 539, 49407], row);
    }

    [Fact]
    public void Context_length_must_hold_start_and_end()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Tokenizer.Tokenize("x", 1));
    }

    [Theory]
    [InlineData("a photo of a golden retriever")]
    [InlineData("café crème brûlée")]
    [InlineData("東京タワー")]
    [InlineData("hello , world !")]
    [InlineData("reallyreallylongwordthatneedsmanymerges")]
    public void Decode_gives_back_plain_lowercase_text(string text)
    {
        Assert.Equal(text, Tokenizer.Decode(Tokenizer.Encode(text)));
        Assert.Equal(text, Tokenizer.Decode(Tokenizer.Tokenize(text, 77)));
    }

    [Theory]
    [InlineData("it's what we've seen; they'll go")]
    [InlineData("numbers 3.14159 and 1,000,000")]
    [InlineData("emoji 😀 party 🎉, MiXeD cAsE")]
    public void Decoded_text_encodes_to_the_same_ids(string text)
    {
        // Decoding puts a space after every word piece ("it 's"), which CLIP's pre-tokenizer splits the same way.
        var ids = Tokenizer.Encode(text);
        Assert.Equal(ids, Tokenizer.Encode(Tokenizer.Decode(ids)));
    }

    [Fact]
    public void Decode_skips_start_stops_at_end_and_rejects_unknown_ids()
    {
        Assert.Equal("a photo", Tokenizer.Decode([49406, 320, 1125, 49407, 320, 0, 0]));
        Assert.Equal("!", Tokenizer.Decode([256])); // "!</w>"; id 0 is "!" without the word end
        Assert.Throws<ArgumentOutOfRangeException>(() => Tokenizer.Decode([49408]));
        Assert.Throws<ArgumentOutOfRangeException>(() => Tokenizer.Decode([-1]));
    }

    [Fact]
    public void Concurrent_cold_encoding_gives_the_sequential_result()
    {
        var tokenizer = ClipTokenizer.FromBpeFile(Tests.TestSupport.Fixtures.BpeVocab);
        var prompts = Enumerable.Range(0, 2000).Select(i => $"a photo of a {Syllables(i)} {Syllables(i * 7 + 3)}.").ToArray();
        var parallel = new int[prompts.Length][];
        Parallel.For(0, prompts.Length, i => parallel[i] = tokenizer.Tokenize(prompts[i], 77));

        tokenizer.ClearCache();
        for (var i = 0; i < prompts.Length; i++)
            Assert.Equal(tokenizer.Tokenize(prompts[i], 77), parallel[i]);
    }

    private static string Syllables(int seed)
    {
        string[] parts = ["ka", "lo", "mi", "ne", "ru", "sa", "to", "vi", "ze", "po", "qui", "der"];
        return string.Concat(Enumerable.Range(0, 2 + (seed % 3)).Select(k => parts[(seed / (k + 1) + k * 5) % parts.Length]));
    }
}
