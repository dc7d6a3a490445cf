using System.Collections.Concurrent;
using System.Text;

namespace MaPLe.Tokenization;

/// <summary>
/// CLIP's byte-level BPE tokenizer (OpenAI's <c>simple_tokenizer.py</c> and <c>clip.tokenize</c>, without ftfy):
/// text is HTML-unescaped twice, stripped, whitespace-collapsed and lowercased, split by CLIP's pre-tokenizer, and
/// each piece is BPE-merged from its UTF-8 bytes with <c>&lt;/w&gt;</c> on its last byte. Thread-safe; the BPE of
/// each distinct piece is cached.
/// </summary>
/// <remarks>
/// Vocabulary: the 256 byte tokens, the same with <c>&lt;/w&gt;</c>, one token per merge, then
/// <c>&lt;|startoftext|&gt;</c> and <c>&lt;|endoftext|&gt;</c>; 512 + merges + 2 tokens (49,408 for OpenAI's file).
/// </remarks>
public sealed class ClipTokenizer : IClipTokenizer
{
    /// <summary>Merges OpenAI's CLIP uses (lines 1..48,894 of its merges file, which holds more).</summary>
    public const int OpenAiMergeCount = 48_894;

    /// <summary>Vocabulary size of OpenAI's CLIP: 512 byte tokens + 48,894 merges + 2 special tokens.</summary>
    public const int OpenAiVocabularySize = 49_408;

    /// <summary>CLIP's text context length (from the model; 77 for every OpenAI CLIP).</summary>
    public const int DefaultContextLength = 77;

    /// <summary>Id that fills a token row after <see cref="EndOfText"/>.</summary>
    public const int PadId = 0;

    /// <summary>The start token's text.</summary>
    public const string StartOfTextToken = "<|startoftext|>";

    /// <summary>The end token's text.</summary>
    public const string EndOfTextToken = "<|endoftext|>";

    /// <summary>Suffix marking a token that ends a word.</summary>
    public const string EndOfWordSuffix = "</w>";

    // Bounds memory on endless streams of distinct words; upstream's cache is unbounded.
    private const int MaxCachedPieces = 1 << 18;

    private readonly ClipBpeModel model;
    private readonly ConcurrentDictionary<string, int[]> cache = new(StringComparer.Ordinal);
    private int cachedPieces; // ConcurrentDictionary.Count takes every lock; this approximate count does not

    private ClipTokenizer(ClipBpeModel model) => this.model = model;

    /// <inheritdoc />
    public int VocabularySize => model.Tokens.Length;

    /// <inheritdoc />
    public int StartOfText => model.StartOfText;

    /// <inheritdoc />
    public int EndOfText => model.EndOfText;

    /// <summary>Number of merges in use (48,894 for OpenAI's CLIP).</summary>
    public int MergeCount => model.MergeCount;

    /// <summary>
    /// Loads OpenAI's merges file <c>bpe_simple_vocab_16e6.txt.gz</c> (gzip or plain text, detected from the content)
    /// or a file written by <see cref="BpeMergeTable.Save"/>: line 0 is a header, then one merge per line, of which
    /// the first <paramref name="maxMerges"/> are used.
    /// </summary>
    /// <param name="path">The merges file.</param>
    /// <param name="maxMerges">Most merges to read; CLIP reads 48,894 of the 262,145 lines OpenAI's file holds.</param>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="TokenizerFileException">The file is not a merges file (the message names the file and line).</exception>
    public static ClipTokenizer FromBpeFile(string path, int maxMerges = OpenAiMergeCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxMerges);
        var rules = BpeFileReader.ReadOpenAiMerges(path, maxMerges);
        return new ClipTokenizer(ClipBpeModel.FromOpenAiMerges(rules, path));
    }

    /// <summary>
    /// Loads Hugging Face's <c>vocab.json</c> (token to id) and <c>merges.txt</c> (a <c>#version</c> header line, then
    /// one merge per line) of a CLIP model such as <c>openai/clip-vit-base-patch16</c>. The start and end ids are
    /// the ids <c>vocab.json</c> gives <c>&lt;|startoftext|&gt;</c> and <c>&lt;|endoftext|&gt;</c>.
    /// </summary>
    /// <param name="vocabJsonPath">The <c>vocab.json</c> file.</param>
    /// <param name="mergesTxtPath">The <c>merges.txt</c> file.</param>
    /// <param name="maxMerges">Most merges to read (Hugging Face's CLIP tokenizer also stops at 48,894).</param>
    /// <exception cref="FileNotFoundException">A file does not exist.</exception>
    /// <exception cref="TokenizerFileException">A file is malformed or the two do not fit together (the message names the file).</exception>
    public static ClipTokenizer FromHuggingFace(string vocabJsonPath, string mergesTxtPath, int maxMerges = OpenAiMergeCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxMerges);
        var (tokens, ids) = BpeFileReader.ReadHuggingFaceVocabulary(vocabJsonPath);
        var rules = BpeFileReader.ReadHuggingFaceMerges(mergesTxtPath, maxMerges);
        return new ClipTokenizer(ClipBpeModel.FromVocabulary(tokens, ids, rules, vocabJsonPath, mergesTxtPath));
    }

    /// <summary>A tokenizer using the merges of <paramref name="table"/> (e.g. fresh from <see cref="BpeTrainer"/>).</summary>
    public static ClipTokenizer FromMergeTable(BpeMergeTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var rules = table.Merges.Select((m, i) => new BpeMergeRule(m.Left, m.Right, i + 2)).ToList();
        return new ClipTokenizer(ClipBpeModel.FromOpenAiMerges(rules, "merge table"));
    }

    /// <inheritdoc />
    public IReadOnlyList<int> Encode(string text)
    {
        var ids = new List<int>();
        AppendIds(text, ids);
        return ids;
    }

    /// <summary>
    /// Decodes ids to text: <see cref="StartOfText"/> is skipped, decoding stops at the first <see cref="EndOfText"/>
    /// (padding follows it), the bytes are decoded as UTF-8 (invalid sequences become U+FFFD) and each
    /// <c>&lt;/w&gt;</c> becomes a space, as upstream; the space the last word leaves at the end is removed.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">An id is outside the vocabulary.</exception>
    public string Decode(IEnumerable<int> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var bytes = new List<byte>();
        foreach (var id in ids)
        {
            if ((uint)id >= (uint)model.Tokens.Length)
                throw new ArgumentOutOfRangeException(nameof(ids), id, $"Token id {id} is outside the vocabulary (0..{model.Tokens.Length - 1}).");
            if (id == model.EndOfText)
                break;
            if (id == model.StartOfText)
                continue;
            foreach (var c in model.Tokens[id])
            {
                var b = ByteLevelAlphabet.ByteOfChar(c);
                if (b >= 0)
                    bytes.Add((byte)b);
                else
                    bytes.AddRange(Encoding.UTF8.GetBytes(c.ToString())); // a token from outside the byte alphabet
            }
        }

        return Encoding.UTF8.GetString(bytes.ToArray()).Replace(EndOfWordSuffix, " ", StringComparison.Ordinal).TrimEnd(' ');
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="contextLength"/> is below 2.</exception>
    /// <exception cref="ArgumentException">The text needs more than <paramref name="contextLength"/> tokens and
    /// <paramref name="truncate"/> is false.</exception>
    public int[] Tokenize(string text, int contextLength, bool truncate = false)
    {
        var row = new int[contextLength >= 2 ? contextLength : throw new ArgumentOutOfRangeException(
            nameof(contextLength), contextLength, "The context length must hold at least the start and end tokens (2).")];
        var ids = new List<int>(contextLength) { model.StartOfText };
        AppendIds(text, ids);
        ids.Add(model.EndOfText);

        if (ids.Count > contextLength)
        {
            if (!truncate)
            {
                throw new ArgumentException(
                    $"Text \"{Shorten(text)}\" needs {ids.Count} tokens (with start and end), more than the context length " +
                    $"{contextLength}. Shorten it or pass truncate: true to cut it (the end token is kept last).", nameof(text));
            }

            ids.RemoveRange(contextLength, ids.Count - contextLength);
            ids[^1] = model.EndOfText;
        }

        ids.CopyTo(row);
        return row;
    }

    /// <summary>Empties the per-piece BPE cache (frees its memory; the next texts are tokenized from scratch).</summary>
    public void ClearCache()
    {
        cache.Clear();
        Interlocked.Exchange(ref cachedPieces, 0);
    }

    private void AppendIds(string text, List<int> ids)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var piece in ClipPreTokenizer.Split(ClipTextNormalizer.Normalize(text)))
        {
            if (!cache.TryGetValue(piece, out var pieceIds))
            {
                pieceIds = model.EncodePiece(piece);
                if (Volatile.Read(ref cachedPieces) < MaxCachedPieces && cache.TryAdd(piece, pieceIds))
                    Interlocked.Increment(ref cachedPieces);
            }

            ids.AddRange(pieceIds);
        }
    }

    private static string Shorten(string text) => text.Length <= 200 ? text : text[..197] + "...";
}
