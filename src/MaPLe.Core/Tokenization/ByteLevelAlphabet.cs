namespace MaPLe.Tokenization;

/// <summary>
/// GPT-2/CLIP's reversible byte-to-character map (<c>bytes_to_unicode</c>): printable Latin-1 bytes stand for
/// themselves, the other 68 bytes get the characters from U+0100 upwards, so that every byte-level token is
/// printable and contains no whitespace (merge files split on whitespace).
/// </summary>
internal static class ByteLevelAlphabet
{
    /// <summary>The 256 byte characters in CLIP's vocabulary order (printable bytes first, then the rest).</summary>
    internal static IReadOnlyList<byte> BytesInVocabularyOrder { get; }

    /// <summary>The character that stands for each byte value.</summary>
    internal static IReadOnlyList<char> CharOfByte { get; }

    private static readonly int[] ByteOfCharTable;

    static ByteLevelAlphabet()
    {
        var order = new List<byte>(256);
        var chars = new char[256];
        for (var b = 0; b < 256; b++)
        {
            if (IsPrintable(b))
            {
                order.Add((byte)b);
                chars[b] = (char)b;
            }
        }

        var next = 0;
        for (var b = 0; b < 256; b++)
        {
            if (!IsPrintable(b))
            {
                order.Add((byte)b);
                chars[b] = (char)(256 + next++);
            }
        }

        ByteOfCharTable = new int[256 + next];
        Array.Fill(ByteOfCharTable, -1);
        for (var b = 0; b < 256; b++)
            ByteOfCharTable[chars[b]] = b;

        BytesInVocabularyOrder = order;
        CharOfByte = chars;
    }

    /// <summary>The byte a byte-level character stands for, or -1 when <paramref name="c"/> is not one.</summary>
    internal static int ByteOfChar(char c) => c < ByteOfCharTable.Length ? ByteOfCharTable[c] : -1;

    /// <summary>The byte-level string of UTF-8 bytes.</summary>
    internal static string Encode(ReadOnlySpan<byte> utf8)
    {
        return string.Create(utf8.Length, utf8.ToArray(), static (span, bytes) =>
        {
            for (var i = 0; i < bytes.Length; i++)
                span[i] = CharOfByte[bytes[i]];
        });
    }

    private static bool IsPrintable(int b) => b is >= '!' and <= '~' or >= 0xA1 and <= 0xAC or >= 0xAE and <= 0xFF;
}
