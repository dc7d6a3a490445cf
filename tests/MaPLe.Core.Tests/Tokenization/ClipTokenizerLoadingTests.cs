using System.IO.Compression;
using System.Text;
using System.Text.Json;
using MaPLe.Tests.TestSupport;
using MaPLe.Tokenization;

namespace MaPLe.Tests.Tokenization;

public sealed class ClipTokenizerLoadingTests
{
    [Fact]
    public void Hugging_face_vocab_and_merges_give_the_same_ids()
    {
        using var dir = new TempDirectory();
        var merges = ReadOpenAiMergeLines().Take(ClipTokenizer.OpenAiMergeCount).ToList();
        WriteHuggingFaceFiles(merges, dir.File("vocab.json"), dir.File("merges.txt"));

        var hf = ClipTokenizer.FromHuggingFace(dir.File("vocab.json"), dir.File("merges.txt"));
        Assert.Equal(49_408, hf.VocabularySize);
        Assert.Equal(49_406, hf.StartOfText);
        Assert.Equal(49_407, hf.EndOfText);

        var texts = TokenizerFixtures.Cases.Select(c => c.Text)
            .Concat(["a photo of a golden retriever.", "ΟΔΥΣΣΕΥΣ 東京 😀 &amp; it's"]).ToList();
        foreach (var text in texts)
        {
            Assert.Equal(TokenizerFixtures.OpenAi.Encode(text), hf.Encode(text));
            var ids = hf.Encode(text);
            Assert.Equal(TokenizerFixtures.OpenAi.Decode(ids), hf.Decode(ids));
        }

        Assert.Equal([49406, 320, 1125, 539, 320, 49407], hf.Tokenize("a photo of a", 77)[..6]);
    }

    [Fact]
    public void Plain_text_merges_file_reads_like_the_gzip_one()
    {
        using var dir = new TempDirectory();
        var lines = ReadOpenAiLines();
        System.IO.File.WriteAllText(dir.File("merges.txt"), string.Join('\n', lines.Take(1 + 5000)) + "\n");

        var plain = ClipTokenizer.FromBpeFile(dir.File("merges.txt"));
        var gz = ClipTokenizer.FromBpeFile(Fixtures.BpeVocab, maxMerges: 5000);
        Assert.Equal(512 + 5000 + 2, plain.VocabularySize); // the trailing newline is not a merge
        Assert.Equal(5514 - 2, plain.StartOfText);
        Assert.Equal(gz.Tokenize("a photo of a golden retriever.", 77), plain.Tokenize("a photo of a golden retriever.", 77));
    }

    [Fact]
    public void Missing_files_name_the_file()
    {
        var missing = Path.Combine(Path.GetTempPath(), "no-such-dir-" + Guid.NewGuid().ToString("N"), "bpe.txt.gz");
        var error = Assert.Throws<FileNotFoundException>(() => ClipTokenizer.FromBpeFile(missing));
        Assert.Equal(missing, error.FileName);
        Assert.Contains(missing, error.Message);

        using var dir = new TempDirectory();
        System.IO.File.WriteAllText(dir.File("merges.txt"), "#version: 0.2\n");
        var vocabError = Assert.Throws<FileNotFoundException>(() =>
            ClipTokenizer.FromHuggingFace(dir.File("vocab.json"), dir.File("merges.txt")));
        Assert.Contains("vocab.json", vocabError.Message);
    }

    [Fact]
    public void Malformed_merges_files_name_the_file_and_line()
    {
        using var dir = new TempDirectory();
        System.IO.File.WriteAllText(dir.File("bad.txt"), "header\ni n\nt h e\n");
        var error = Assert.Throws<TokenizerFileException>(() => ClipTokenizer.FromBpeFile(dir.File("bad.txt")));
        Assert.Contains("bad.txt", error.Message);
        Assert.Contains("line 3", error.Message);

        System.IO.File.WriteAllText(dir.File("unknown.txt"), "header\ni n\nxyz q\n");
        error = Assert.Throws<TokenizerFileException>(() => ClipTokenizer.FromBpeFile(dir.File("unknown.txt")));
        Assert.Contains("unknown.txt' line 3", error.Message);
        Assert.Contains("\"xyz\"", error.Message);

        System.IO.File.WriteAllText(dir.File("empty.txt"), "");
        Assert.Contains("empty.txt", Assert.Throws<TokenizerFileException>(() => ClipTokenizer.FromBpeFile(dir.File("empty.txt"))).Message);

        System.IO.File.WriteAllBytes(dir.File("broken.gz"), [0x1F, 0x8B, 1, 2, 3, 4]);
        Assert.Contains("broken.gz", Assert.Throws<TokenizerFileException>(() => ClipTokenizer.FromBpeFile(dir.File("broken.gz"))).Message);
    }

    [Fact]
    public void Malformed_vocab_json_names_the_file_and_the_problem()
    {
        using var dir = new TempDirectory();
        System.IO.File.WriteAllText(dir.File("merges.txt"), "#version: 0.2\n");

        System.IO.File.WriteAllText(dir.File("vocab.json"), "[1, 2]");
        var error = Assert.Throws<TokenizerFileException>(() => ClipTokenizer.FromHuggingFace(dir.File("vocab.json"), dir.File("merges.txt")));
        Assert.Contains("vocab.json", error.Message);

        System.IO.File.WriteAllText(dir.File("vocab.json"), "{\"a\": 0, \"b\": 0}");
        error = Assert.Throws<TokenizerFileException>(() => ClipTokenizer.FromHuggingFace(dir.File("vocab.json"), dir.File("merges.txt")));
        Assert.Contains("share id 0", error.Message);

        System.IO.File.WriteAllText(dir.File("vocab.json"), "{\"a\": 0, \"b\": 1}");
        error = Assert.Throws<TokenizerFileException>(() => ClipTokenizer.FromHuggingFace(dir.File("vocab.json"), dir.File("merges.txt")));
        Assert.Contains("lacks", error.Message);
        Assert.Contains("vocab.json", error.Message);
    }

    [Fact]
    public void Max_merges_limits_the_vocabulary()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ClipTokenizer.FromBpeFile(Fixtures.BpeVocab, -1));

        // No merges: every piece is its bytes ("a</w>" is 256 + 64, "b" is 65, "c</w>" is 256 + 66).
        var bytesOnly = ClipTokenizer.FromBpeFile(Fixtures.BpeVocab, maxMerges: 0);
        Assert.Equal(514, bytesOnly.VocabularySize);
        Assert.Equal([320, 65, 322], bytesOnly.Encode("a bc"));
        Assert.Equal([512, 320, 513, 0], bytesOnly.Tokenize("a", 4));
    }

    internal static string[] ReadOpenAiLines()
    {
        using var gz = new GZipStream(System.IO.File.OpenRead(Fixtures.BpeVocab), CompressionMode.Decompress);
        using var reader = new StreamReader(gz, Encoding.UTF8);
        return reader.ReadToEnd().Split('\n');
    }

    private static IEnumerable<string> ReadOpenAiMergeLines() => ReadOpenAiLines().Skip(1);

    // Hugging Face's files for openai/clip-vit-base-patch16, rebuilt from OpenAI's merges: the ids are positions in
    // [256 byte characters, the same with </w>, merged tokens, <|startoftext|>, <|endoftext|>].
    private static void WriteHuggingFaceFiles(IReadOnlyList<string> merges, string vocabPath, string mergesPath)
    {
        var byteChars = BytesToUnicode();
        var vocab = new List<string>(byteChars);
        vocab.AddRange(byteChars.Select(c => c + "</w>"));
        vocab.AddRange(merges.Select(m => m.Replace(" ", "")));
        vocab.Add("<|startoftext|>");
        vocab.Add("<|endoftext|>");

        using (var stream = System.IO.File.Create(vocabPath))
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            for (var id = 0; id < vocab.Count; id++)
                json.WriteNumber(vocab[id], id);
            json.WriteEndObject();
        }

        System.IO.File.WriteAllText(mergesPath, "#version: 0.2\n" + string.Join('\n', merges) + "\n");
    }

    // GPT-2's bytes_to_unicode, written out independently of the library.
    private static List<string> BytesToUnicode()
    {
        var bytes = Enumerable.Range('!', '~' - '!' + 1).Concat(Enumerable.Range(0xA1, 0xAC - 0xA1 + 1))
            .Concat(Enumerable.Range(0xAE, 0xFF - 0xAE + 1)).ToList();
        var chars = bytes.ToList();
        var extra = 0;
        for (var b = 0; b < 256; b++)
        {
            if (!bytes.Contains(b))
            {
                bytes.Add(b);
                chars.Add(256 + extra++);
            }
        }

        return chars.Select(c => ((char)c).ToString()).ToList();
    }
}
