using System.Text;

namespace MaPLe.Tokenization;

/// <summary>
/// Learns CLIP-style byte-level BPE merges from a corpus, with exactly CLIP's text normalization, pre-tokenizer and
/// byte alphabet, so that <see cref="ClipTokenizer"/> applies them as OpenAI's merges are applied. Deterministic:
/// each step merges the adjacent pair with the highest corpus count; ties go to the pair whose left token, then
/// right token, is smallest in ordinal (UTF-16 code unit) order of their byte-level strings.
/// </summary>
public sealed class BpeTrainer
{
    /// <summary>A trainer with <paramref name="options"/> (validated here).</summary>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public BpeTrainer(BpeTrainerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
    }

    /// <summary>The options in use.</summary>
    public BpeTrainerOptions Options { get; }

    /// <summary>
    /// Learns up to <see cref="BpeTrainerOptions.TargetMergeCount"/> merges from <paramref name="texts"/>; fewer when no
    /// pair reaches <see cref="BpeTrainerOptions.MinFrequency"/>. Special tokens in the texts are not learned from.
    /// </summary>
    public BpeMergeTable Train(IEnumerable<string> texts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var state = new PairStatistics(CountWords(texts, cancellationToken));
        var merges = new List<BpeMerge>(Options.TargetMergeCount);
        while (merges.Count < Options.TargetMergeCount)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!state.TryTakeBestPair(out var left, out var right, out var count) || count < Options.MinFrequency)
                break;
            merges.Add(new BpeMerge(state.TokenText(left), state.TokenText(right), count));
            state.Merge(left, right);
        }

        return new BpeMergeTable(merges);
    }

    // Distinct pre-tokens (byte-level strings, sorted so that everything downstream is order-independent) with counts.
    private static List<(int[] Symbols, long Count)> CountWords(IEnumerable<string> texts, CancellationToken token)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var text in texts)
        {
            token.ThrowIfCancellationRequested();
            ArgumentNullException.ThrowIfNull(text, nameof(texts));
            foreach (var piece in ClipPreTokenizer.Split(ClipTextNormalizer.Normalize(text)))
            {
                if (piece is ClipTokenizer.StartOfTextToken or ClipTokenizer.EndOfTextToken)
                    continue;
                counts[piece] = counts.GetValueOrDefault(piece) + 1;
            }
        }

        var words = new List<(int[], long)>(counts.Count);
        foreach (var (piece, count) in counts.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var bytes = Encoding.UTF8.GetBytes(piece);
            var symbols = new int[bytes.Length];
            for (var i = 0; i < bytes.Length; i++)
                symbols[i] = PairStatistics.InitialTokenId(bytes[i], endOfWord: i == bytes.Length - 1);
            words.Add((symbols, count));
        }

        return words;
    }
}
