namespace MaPLe.Tokenization;

/// <summary>
/// <see cref="BpeTrainer"/>'s working state: the corpus words as symbol sequences, the weighted count of every
/// adjacent pair, the words each pair occurs in, and a max-heap of pairs (stale entries are skipped on pop). A
/// merge only re-counts the words that contain the merged pair.
/// </summary>
internal sealed class PairStatistics
{
    private readonly List<string> tokenTexts = [];
    private readonly Dictionary<string, int> tokenIds = new(StringComparer.Ordinal);
    private readonly List<(int[] Symbols, long Count)> words;
    private readonly int[] lengths;
    private readonly Dictionary<long, long> pairCounts = new(TokenPair.Comparer);
    private readonly Dictionary<long, HashSet<int>> pairWords = new(TokenPair.Comparer);
    private readonly PriorityQueue<long, (long Count, long Pair)> heap;

    internal PairStatistics(List<(int[] Symbols, long Count)> words)
    {
        foreach (var b in ByteLevelAlphabet.BytesInVocabularyOrder)
            AddToken(ByteLevelAlphabet.CharOfByte[b].ToString());
        for (var i = 0; i < 256; i++)
            AddToken(tokenTexts[i] + ClipTokenizer.EndOfWordSuffix);

        this.words = words;
        lengths = words.Select(w => w.Symbols.Length).ToArray();
        heap = new PriorityQueue<long, (long, long)>(Comparer<(long Count, long Pair)>.Create(ComparePriority));
        for (var w = 0; w < words.Count; w++)
            AddPairs(w, null);
        foreach (var (pair, count) in pairCounts)
            heap.Enqueue(pair, (count, pair));
    }

    /// <summary>The id of byte <paramref name="b"/>'s token in the initial alphabet (CLIP's vocabulary order).</summary>
    internal static int InitialTokenId(byte b, bool endOfWord) => InitialIds[b] + (endOfWord ? 256 : 0);

    private static readonly int[] InitialIds = BuildInitialIds();

    private static int[] BuildInitialIds()
    {
        var ids = new int[256];
        var order = ByteLevelAlphabet.BytesInVocabularyOrder;
        for (var i = 0; i < order.Count; i++)
            ids[order[i]] = i;
        return ids;
    }

    /// <summary>The byte-level text of a token id.</summary>
    internal string TokenText(int id) => tokenTexts[id];

    /// <summary>Removes and returns the most frequent pair (ties: smallest left, then right, token text).</summary>
    internal bool TryTakeBestPair(out int left, out int right, out long count)
    {
        while (heap.TryDequeue(out var pair, out var priority))
        {
            if (pairCounts.TryGetValue(pair, out count) && count == priority.Count)
            {
                (left, right) = TokenPair.Unpack(pair);
                return true;
            }
        }

        (left, right, count) = (0, 0, 0);
        return false;
    }

    /// <summary>Replaces every left-to-right occurrence of the pair in every word by the merged token.</summary>
    internal void Merge(int left, int right)
    {
        var merged = AddToken(tokenTexts[left] + tokenTexts[right]);
        var pair = TokenPair.Pack(left, right);
        var changed = new HashSet<long>();
        var affected = pairWords.TryGetValue(pair, out var set) ? set.Order().ToArray() : [];
        foreach (var w in affected)
        {
            var (symbols, count) = words[w];
            RemovePairs(w, changed);
            var write = 0;
            for (var read = 0; read < lengths[w]; write++)
            {
                if (read < lengths[w] - 1 && symbols[read] == left && symbols[read + 1] == right)
                {
                    symbols[write] = merged;
                    read += 2;
                }
                else
                {
                    symbols[write] = symbols[read++];
                }
            }

            lengths[w] = write;
            AddPairs(w, changed);
        }

        pairWords.Remove(pair);
        foreach (var p in changed)
        {
            if (pairCounts.TryGetValue(p, out var count) && count > 0)
                heap.Enqueue(p, (count, p));
            else
                pairCounts.Remove(p);
        }
    }

    // A string produced twice (from different pairs) keeps one id, as symbols are identified by their text.
    private int AddToken(string text)
    {
        if (tokenIds.TryGetValue(text, out var id))
            return id;
        tokenIds[text] = tokenTexts.Count;
        tokenTexts.Add(text);
        return tokenTexts.Count - 1;
    }

    private void AddPairs(int w, HashSet<long>? changed)
    {
        var (symbols, count) = words[w];
        for (var i = 0; i < lengths[w] - 1; i++)
        {
            var pair = TokenPair.Pack(symbols[i], symbols[i + 1]);
            pairCounts[pair] = pairCounts.GetValueOrDefault(pair) + count;
            if (!pairWords.TryGetValue(pair, out var set))
                pairWords[pair] = set = [];
            set.Add(w);
            changed?.Add(pair);
        }
    }

    private void RemovePairs(int w, HashSet<long> changed)
    {
        var (symbols, count) = words[w];
        for (var i = 0; i < lengths[w] - 1; i++)
        {
            var pair = TokenPair.Pack(symbols[i], symbols[i + 1]);
            pairCounts[pair] -= count;
            changed.Add(pair);
        }
    }

    // Heap order: higher count first, then smaller left text, then smaller right text (ordinal).
    private int ComparePriority((long Count, long Pair) a, (long Count, long Pair) b)
    {
        if (a.Count != b.Count)
            return b.Count.CompareTo(a.Count);
        var (aLeft, aRight) = TokenPair.Unpack(a.Pair);
        var (bLeft, bRight) = TokenPair.Unpack(b.Pair);
        var byLeft = string.CompareOrdinal(tokenTexts[aLeft], tokenTexts[bLeft]);
        return byLeft != 0 ? byLeft : string.CompareOrdinal(tokenTexts[aRight], tokenTexts[bRight]);
    }
}
