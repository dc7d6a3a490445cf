using System.Text;

namespace MaPLe.Tokenization;

/// <summary>One line of a merges file: the two tokens it joins and where it came from (for error messages).</summary>
internal readonly record struct BpeMergeRule(string Left, string Right, int LineNumber);

/// <summary>
/// The vocabulary and merge ranks of a CLIP byte-level BPE, and the greedy merge of one pre-token. Immutable, so it
/// is safe to share between threads. Symbols are token ids; a merge is looked up by the pair of ids it joins.
/// </summary>
internal sealed class ClipBpeModel
{
    private readonly Dictionary<long, (int Rank, int Id)> merges;
    private readonly int[] byteIds = new int[256];
    private readonly int[] byteEndIds = new int[256];

    private ClipBpeModel(string[] tokens, Dictionary<string, int> ids, Dictionary<long, (int, int)> merges,
        int mergeCount, int startOfText, int endOfText)
    {
        Tokens = tokens;
        MergeCount = mergeCount;
        Ids = ids;
        this.merges = merges;
        StartOfText = startOfText;
        EndOfText = endOfText;
        for (var b = 0; b < 256; b++)
        {
            var c = ByteLevelAlphabet.CharOfByte[b].ToString();
            byteIds[b] = ids[c];
            byteEndIds[b] = ids[c + ClipTokenizer.EndOfWordSuffix];
        }
    }

    /// <summary>Token string of each id (byte-level characters, <c>&lt;/w&gt;</c> marking a word end).</summary>
    internal string[] Tokens { get; }

    /// <summary>Id of each token string (for a string listed twice, the later id, as Python's dict does).</summary>
    internal Dictionary<string, int> Ids { get; }

    /// <summary>Number of merge lines in use.</summary>
    internal int MergeCount { get; }

    /// <summary>Id of <c>&lt;|startoftext|&gt;</c>.</summary>
    internal int StartOfText { get; }

    /// <summary>Id of <c>&lt;|endoftext|&gt;</c>.</summary>
    internal int EndOfText { get; }

    /// <summary>
    /// OpenAI's layout: the 256 byte characters, the same with <c>&lt;/w&gt;</c>, one token per merge, then the start
    /// and end tokens; ids are positions in that list.
    /// </summary>
    internal static ClipBpeModel FromOpenAiMerges(IReadOnlyList<BpeMergeRule> rules, string source)
    {
        var tokens = new List<string>(512 + rules.Count + 2);
        foreach (var b in ByteLevelAlphabet.BytesInVocabularyOrder)
            tokens.Add(ByteLevelAlphabet.CharOfByte[b].ToString());
        for (var i = 0; i < 256; i++)
            tokens.Add(tokens[i] + ClipTokenizer.EndOfWordSuffix);
        foreach (var rule in rules)
            tokens.Add(rule.Left + rule.Right);
        tokens.Add(ClipTokenizer.StartOfTextToken);
        tokens.Add(ClipTokenizer.EndOfTextToken);

        var ids = new Dictionary<string, int>(tokens.Count, StringComparer.Ordinal);
        for (var id = 0; id < tokens.Count; id++)
            ids[tokens[id]] = id;

        return Build(tokens.ToArray(), ids, rules, source);
    }

    /// <summary>
    /// Hugging Face's layout: ids from <c>vocab.json</c> (which must hold every byte token and both special tokens),
    /// merges from <c>merges.txt</c>.
    /// </summary>
    internal static ClipBpeModel FromVocabulary(string[] tokens, Dictionary<string, int> ids,
        IReadOnlyList<BpeMergeRule> rules, string vocabularySource, string mergesSource)
    {
        var missing = new List<string>();
        foreach (var b in ByteLevelAlphabet.BytesInVocabularyOrder)
        {
            var c = ByteLevelAlphabet.CharOfByte[b].ToString();
            if (!ids.ContainsKey(c))
                missing.Add(c);
            if (!ids.ContainsKey(c + ClipTokenizer.EndOfWordSuffix))
                missing.Add(c + ClipTokenizer.EndOfWordSuffix);
        }

        foreach (var special in new[] { ClipTokenizer.StartOfTextToken, ClipTokenizer.EndOfTextToken })
        {
            if (!ids.ContainsKey(special))
                missing.Add(special);
        }

        if (missing.Count > 0)
        {
            var problem = $"lacks {missing.Count} token(s) a CLIP byte-level BPE vocabulary must hold " +
                          $"(the 512 byte tokens and both special tokens), e.g. {string.Join(", ", missing.Take(5).Select(m => $"\"{m}\""))}. " +
                          "Use the vocab.json that belongs to the merges.txt of the same CLIP model.";
            throw new TokenizerFileException(vocabularySource, $"'{vocabularySource}' {problem}", problem, missing[0]);
        }

        return Build(tokens, ids, rules, mergesSource);
    }

    private static ClipBpeModel Build(string[] tokens, Dictionary<string, int> ids, IReadOnlyList<BpeMergeRule> rules,
        string source)
    {
        var merges = new Dictionary<long, (int, int)>(rules.Count, TokenPair.Comparer);
        for (var rank = 0; rank < rules.Count; rank++)
        {
            var rule = rules[rank];
            var left = IdOf(ids, rule.Left, rule, source);
            var right = IdOf(ids, rule.Right, rule, source);
            var merged = IdOf(ids, rule.Left + rule.Right, rule, source);

            // A pair listed twice keeps its later rank, as Python's dict(zip(merges, range(...))) does.
            merges[TokenPair.Pack(left, right)] = (rank, merged);
        }

        return new ClipBpeModel(tokens, ids, merges, rules.Count, ids[ClipTokenizer.StartOfTextToken], ids[ClipTokenizer.EndOfTextToken]);
    }

    private static int IdOf(Dictionary<string, int> ids, string token, BpeMergeRule rule, string source) =>
        ids.TryGetValue(token, out var id)
            ? id
            : throw new TokenizerFileException(source,
                $"'{source}' line {rule.LineNumber}: merge \"{rule.Left} {rule.Right}\" uses \"{token}\", which is not " +
                "in the vocabulary. Merge parts must be byte-level tokens or the results of other merges.",
                $"merge \"{rule.Left} {rule.Right}\" uses \"{token}\", which is not in the vocabulary", $"line {rule.LineNumber}");

    /// <summary>
    /// The BPE ids of one pre-token: its UTF-8 bytes as byte tokens (the last one with <c>&lt;/w&gt;</c>), then
    /// repeatedly every occurrence of the lowest-ranked adjacent pair merged, left to right, until no pair has a rank.
    /// </summary>
    internal int[] EncodePiece(string piece)
    {
        if (piece == ClipTokenizer.StartOfTextToken)
            return [StartOfText];
        if (piece == ClipTokenizer.EndOfTextToken)
            return [EndOfText];

        var bytes = Encoding.UTF8.GetBytes(piece);
        var symbols = new int[bytes.Length];
        for (var i = 0; i < bytes.Length - 1; i++)
            symbols[i] = byteIds[bytes[i]];
        symbols[^1] = byteEndIds[bytes[^1]];

        var count = symbols.Length;
        while (count > 1)
        {
            var bestRank = int.MaxValue;
            var bestId = -1;
            var bestLeft = 0;
            var bestRight = 0;
            for (var i = 0; i < count - 1; i++)
            {
                if (merges.TryGetValue(TokenPair.Pack(symbols[i], symbols[i + 1]), out var merge) && merge.Rank < bestRank)
                {
                    (bestRank, bestId) = merge;
                    (bestLeft, bestRight) = (symbols[i], symbols[i + 1]);
                }
            }

            if (bestId < 0)
                break;

            var write = 0;
            for (var read = 0; read < count; write++)
            {
                if (read < count - 1 && symbols[read] == bestLeft && symbols[read + 1] == bestRight)
                {
                    symbols[write] = bestId;
                    read += 2;
                }
                else
                {
                    symbols[write] = symbols[read++];
                }
            }

            count = write;
        }

        return count == symbols.Length ? symbols : symbols[..count];
    }
}
