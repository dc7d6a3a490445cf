using System.IO.Compression;
using System.Text;
using System.Text.Json;

namespace MaPLe.Tokenization;

/// <summary>
/// Reads the files a CLIP tokenizer is made from: OpenAI's merges file (<c>bpe_simple_vocab_16e6.txt[.gz]</c>) and
/// Hugging Face's <c>vocab.json</c> + <c>merges.txt</c>. Every problem is reported with the file (and line) at fault.
/// </summary>
internal static class BpeFileReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// The merges of OpenAI's file: line 0 is a header (whatever it says), then one <c>"left right"</c> merge per line;
    /// at most <paramref name="maxMerges"/> are read, as CLIP reads lines <c>[1 : 48895)</c> of a longer file.
    /// </summary>
    internal static List<BpeMergeRule> ReadOpenAiMerges(string path, int maxMerges)
    {
        var lines = ReadLines(path, "CLIP BPE merges file",
            "Pass OpenAI's bpe_simple_vocab_16e6.txt.gz (gzip or plain text) or a file written by BpeTrainer.");
        return ParseMerges(path, lines, firstMergeLine: 1, maxMerges);
    }

    /// <summary>The merges of Hugging Face's <c>merges.txt</c>, after its <c>#version</c> header line.</summary>
    internal static List<BpeMergeRule> ReadHuggingFaceMerges(string path, int maxMerges)
    {
        var lines = ReadLines(path, "Hugging Face merges.txt",
            "Pass the merges.txt of the CLIP model (e.g. openai/clip-vit-base-patch16).");
        var first = lines[0].StartsWith("#version", StringComparison.Ordinal) ? 1 : 0;
        return ParseMerges(path, lines, first, maxMerges);
    }

    /// <summary>Hugging Face's <c>vocab.json</c>: token string to id, ids 0..N-1 each used once.</summary>
    internal static (string[] Tokens, Dictionary<string, int> Ids) ReadHuggingFaceVocabulary(string path)
    {
        var bytes = ReadBytes(path, "Hugging Face vocab.json",
            "Pass the vocab.json of the CLIP model (e.g. openai/clip-vit-base-patch16).");
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        try
        {
            using var document = JsonDocument.Parse(bytes);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                throw Bad(path, "the top level must be a JSON object mapping token strings to ids");
            foreach (var entry in document.RootElement.EnumerateObject())
            {
                if (!entry.Value.TryGetInt32(out var id) || id < 0)
                    throw Bad(path, $"token \"{entry.Name}\" has id {entry.Value.GetRawText()}; ids must be non-negative integers");
                if (!ids.TryAdd(entry.Name, id))
                    throw Bad(path, $"token \"{entry.Name}\" is listed twice");
            }
        }
        catch (JsonException e)
        {
            throw Bad(path, "it is not valid JSON (" + e.Message + ")");
        }

        var tokens = new string[ids.Count];
        foreach (var (token, id) in ids)
        {
            if (id >= tokens.Length)
                throw Bad(path, $"token \"{token}\" has id {id}, but the {ids.Count} ids must be exactly 0..{ids.Count - 1}");
            if (tokens[id] is { } other)
                throw Bad(path, $"tokens \"{other}\" and \"{token}\" share id {id}");
            tokens[id] = token;
        }

        return (tokens, ids);
    }

    private static List<BpeMergeRule> ParseMerges(string path, string[] lines, int firstMergeLine, int maxMerges)
    {
        // Trailing empty lines are not merges (CLIP's own file never reaches its end, so they never mattered there).
        var end = lines.Length;
        while (end > firstMergeLine && string.IsNullOrWhiteSpace(lines[end - 1]))
            end--;
        end = Math.Min(end, firstMergeLine + maxMerges);

        var rules = new List<BpeMergeRule>(Math.Max(0, end - firstMergeLine));
        for (var i = firstMergeLine; i < end; i++)
        {
            var parts = lines[i].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 2)
            {
                throw Bad(path, $"line {i + 1} is \"{Shorten(lines[i])}\"; every line after the header must be one merge, " +
                    "two tokens separated by a space (\"left right\")");
            }

            rules.Add(new BpeMergeRule(parts[0], parts[1], i + 1));
        }

        return rules;
    }

    private static string[] ReadLines(string path, string what, string hint)
    {
        var bytes = ReadBytes(path, what, hint);
        if (bytes.Length >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B)
            bytes = Gunzip(path, bytes);

        string text;
        try
        {
            text = StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw Bad(path, "it is not UTF-8 text (nor gzip-compressed UTF-8 text)");
        }

        if (text.Length > 0 && text[0] == '\uFEFF')
            text = text[1..];
        if (text.Length == 0)
            throw Bad(path, "it is empty; it must start with a header line followed by merges");
        return text.Split('\n');
    }

    private static byte[] ReadBytes(string path, string what, string hint)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
            throw new FileNotFoundException($"{what} not found: '{Path.GetFullPath(path)}'. {hint}", path);
        return File.ReadAllBytes(path);
    }

    private static byte[] Gunzip(string path, byte[] compressed)
    {
        try
        {
            using var input = new GZipStream(new MemoryStream(compressed), CompressionMode.Decompress);
            using var output = new MemoryStream();
            input.CopyTo(output);
            return output.ToArray();
        }
        catch (InvalidDataException e)
        {
            throw Bad(path, "it starts like a gzip file but does not decompress (" + e.Message + ")");
        }
    }

    private static InvalidDataException Bad(string path, string problem) =>
        new($"'{path}' is not a valid tokenizer file: {problem}.");

    private static string Shorten(string line) => line.Length <= 80 ? line.TrimEnd('\r') : line[..77] + "...";
}
