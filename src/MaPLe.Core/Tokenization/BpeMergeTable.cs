using System.IO.Compression;
using System.Text;

namespace MaPLe.Tokenization;

/// <summary>One learned merge: the two tokens it joins and how often the pair occurred when it was chosen.</summary>
/// <param name="Left">Left token (byte-level characters, possibly ending in <c>&lt;/w&gt;</c>).</param>
/// <param name="Right">Right token.</param>
/// <param name="Frequency">Weighted pair count in the training corpus at the time of the merge (0 when unknown).</param>
public readonly record struct BpeMerge(string Left, string Right, long Frequency);

/// <summary>
/// An ordered list of BPE merges, as <see cref="BpeTrainer"/> learns them; saves to CLIP's merges-file format and
/// becomes a <see cref="ClipTokenizer"/> with 512 + <see cref="Merges"/>.Count + 2 tokens.
/// </summary>
public sealed class BpeMergeTable
{
    /// <summary>The header line written before the merges (CLIP ignores line 0; Hugging Face expects this).</summary>
    public const string Header = "#version: 0.2";

    /// <summary>A table of <paramref name="merges"/>, highest priority first.</summary>
    /// <exception cref="ArgumentException">A token is empty or contains whitespace (the file format splits on it).</exception>
    public BpeMergeTable(IEnumerable<BpeMerge> merges)
    {
        ArgumentNullException.ThrowIfNull(merges);
        var list = merges.ToList();
        for (var i = 0; i < list.Count; i++)
        {
            if (!IsValidToken(list[i].Left) || !IsValidToken(list[i].Right))
            {
                throw new ArgumentException(
                    $"Merge {i} (\"{list[i].Left}\" + \"{list[i].Right}\") has an empty token or one with whitespace; " +
                    "byte-level tokens never contain whitespace.", nameof(merges));
            }
        }

        Merges = list;
    }

    /// <summary>The merges, highest priority (lowest rank) first.</summary>
    public IReadOnlyList<BpeMerge> Merges { get; }

    /// <summary>Vocabulary size of a tokenizer built from this table: 512 byte tokens + merges + 2 special tokens.</summary>
    public int VocabularySize => 512 + Merges.Count + 2;

    /// <summary>A tokenizer using these merges.</summary>
    public ClipTokenizer CreateTokenizer() => ClipTokenizer.FromMergeTable(this);

    /// <summary>
    /// Writes the table in the format of <c>bpe_simple_vocab_16e6.txt</c>: the <see cref="Header"/> line, then one
    /// <c>"left right"</c> line per merge, UTF-8, '\n' between lines and none after the last (so that Python's
    /// <c>split('\n')</c> sees exactly the merges); gzip-compressed when the path ends with <c>.gz</c>. The file is
    /// written under a temporary name and then moved into place, so readers never see a partial file.
    /// </summary>
    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            using (var stream = full.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)
                       ? new GZipStream(file, CompressionLevel.SmallestSize)
                       : (Stream)file)
            {
                stream.Write(Encoding.UTF8.GetBytes(ToText()));
            }

            File.Move(temporary, full, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    private string ToText()
    {
        var text = new StringBuilder(Header, Header.Length + (Merges.Count * 12));
        foreach (var merge in Merges)
            text.Append('\n').Append(merge.Left).Append(' ').Append(merge.Right);
        return text.ToString();
    }

    private static bool IsValidToken(string? token) =>
        !string.IsNullOrEmpty(token) && !token.Any(c => char.IsWhiteSpace(c) || c is >= '\u001C' and <= '\u001F');
}
