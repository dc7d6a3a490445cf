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
    /// at most <paramref name="maxMerges"/> are read, as CLIP reads lines <c>[1 : 48895)</c> of a longer file (the rest
    /// is not even decompressed).
    /// </summary>
    internal static List<BpeMergeRule> ReadOpenAiMerges(string path, int maxMerges)
    {
        using var reader = OpenText(path, "CLIP BPE merges file",
            "Pass OpenAI's bpe_simple_vocab_16e6.txt.gz (gzip or plain text) or a file written by BpeTrainer.");
        var rules = ParseMerges(path, reader, skipHeader: _ => true, maxMerges);
        // Any text's first line passes as the header: a file without a single merge is not a vocabulary.
        if (rules.Count == 0 && maxMerges > 0)
            throw Bad(path, "it holds no merges after its header line");
        return rules;
    }

    /// <summary>The merges of Hugging Face's <c>merges.txt</c>, after its <c>#version</c> header line.</summary>
    internal static List<BpeMergeRule> ReadHuggingFaceMerges(string path, int maxMerges)
    {
        using var reader = OpenText(path, "Hugging Face merges.txt",
            "Pass the merges.txt of the CLIP model (e.g. openai/clip-vit-base-patch16).");
        return ParseMerges(path, reader, skipHeader: first => first.StartsWith("#version", StringComparison.Ordinal), maxMerges);
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
            throw Bad(path, "it is not valid JSON (" + e.Message + ")", inner: e);
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

    private static List<BpeMergeRule> ParseMerges(string path, TextReader reader, Func<string, bool> skipHeader,
        int maxMerges)
    {
        var rules = new List<BpeMergeRule>(Math.Min(maxMerges, 1 << 16));
        var lineNumber = 0;
        var firstBlankLine = 0; // blank lines are an error only when a merge follows (trailing ones are not merges)
        while (ReadLine(path, reader) is { } line)
        {
            lineNumber++;
            if (lineNumber == 1 && skipHeader(line))
                continue;
            if (rules.Count == maxMerges)
                break; // the rest of the file is not read (OpenAI's holds 262,145 merges, CLIP uses 48,894)
            if (string.IsNullOrWhiteSpace(line))
            {
                firstBlankLine = firstBlankLine == 0 ? lineNumber : firstBlankLine;
                continue;
            }

            if (firstBlankLine != 0)
                throw BadMergeLine(path, firstBlankLine, string.Empty);
            var parts = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 2)
                throw BadMergeLine(path, lineNumber, line);
            rules.Add(new BpeMergeRule(parts[0], parts[1], lineNumber));
        }

        if (lineNumber == 0)
            throw Bad(path, "it is empty; it must start with a header line followed by merges");
        return rules;
    }

    // The next line, null at the end. ReadLine also ends lines at a lone '\r', which Python's split('\n') does not;
    // byte-level tokens never contain '\r' (byte 13 is written as 'č'), so merges read the same either way.
    private static string? ReadLine(string path, TextReader reader)
    {
        try
        {
            return reader.ReadLine();
        }
        catch (DecoderFallbackException e)
        {
            throw Bad(path, "it is not UTF-8 text (nor gzip-compressed UTF-8 text)", inner: e);
        }
        catch (InvalidDataException e)
        {
            throw Bad(path, "it starts like a gzip file but does not decompress (" + e.Message + ")", inner: e);
        }
    }

    private static TokenizerFileException BadMergeLine(string path, int lineNumber, string line) =>
        Bad(path, $"line {lineNumber} is \"{Shorten(line)}\"; every line after the header must be one merge, " +
            "two tokens separated by a space (\"left right\")", $"line {lineNumber}");

    private static StreamReader OpenText(string path, string what, string hint)
    {
        CheckExists(path, what, hint);
        var file = File.OpenRead(path);
        Span<byte> magic = stackalloc byte[2];
        var gzip = file.ReadAtLeast(magic, 2, throwOnEndOfStream: false) == 2 && magic[0] == 0x1F && magic[1] == 0x8B;
        file.Position = 0;
        Stream stream = gzip ? new GZipStream(file, CompressionMode.Decompress) : file;
        return new StreamReader(stream, StrictUtf8, detectEncodingFromByteOrderMarks: true);
    }

    private static byte[] ReadBytes(string path, string what, string hint)
    {
        CheckExists(path, what, hint);
        return File.ReadAllBytes(path);
    }

    private static void CheckExists(string path, string what, string hint)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
            throw new FileNotFoundException($"{what} not found: '{Path.GetFullPath(path)}'. {hint}", path);
        if (IO.InputFiles.Problem(path) is { } problem)
            throw Bad(path, problem);
    }

    private static TokenizerFileException Bad(string path, string problem, string? location = null, Exception? inner = null) =>
        new(path, $"'{path}' is not a valid tokenizer file: {problem}.", problem, location, inner);

    private static string Shorten(string line) => line.Length <= 80 ? line.TrimEnd('\r') : line[..77] + "...";
}
