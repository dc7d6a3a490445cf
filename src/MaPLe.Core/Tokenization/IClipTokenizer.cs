namespace MaPLe.Tokenization;

/// <summary>CLIP's byte-level BPE tokenizer: text to ids, ids to text, and fixed-length token rows.</summary>
public interface IClipTokenizer
{
    /// <summary>Vocabulary size (49,408 for OpenAI CLIP).</summary>
    int VocabularySize { get; }

    /// <summary>Id of <c>&lt;|startoftext|&gt;</c>.</summary>
    int StartOfText { get; }

    /// <summary>Id of <c>&lt;|endoftext|&gt;</c>.</summary>
    int EndOfText { get; }

    /// <summary>BPE ids of <paramref name="text"/>, without start/end tokens.</summary>
    IReadOnlyList<int> Encode(string text);

    /// <summary>Text of a sequence of ids (start/end/pad tokens removed).</summary>
    string Decode(IEnumerable<int> ids);

    /// <summary>
    /// <c>[SOT] + ids + [EOT]</c>, zero-padded to <paramref name="contextLength"/>. Too-long text throws
    /// <see cref="ArgumentException"/> unless <paramref name="truncate"/>, which cuts and keeps EOT last.
    /// </summary>
    int[] Tokenize(string text, int contextLength, bool truncate = false);
}
