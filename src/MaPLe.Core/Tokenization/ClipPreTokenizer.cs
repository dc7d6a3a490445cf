using System.Globalization;
using System.Text;

namespace MaPLe.Tokenization;

/// <summary>
/// CLIP's pre-tokenizer, a hand-written equivalent of <c>re.findall</c> with
/// <c>&lt;\|startoftext\|&gt;|&lt;\|endoftext\|&gt;|'s|'t|'re|'ve|'m|'ll|'d|[\p{L}]+|[\p{N}]|[^\s\p{L}\p{N}]+</c>
/// (IGNORECASE) on normalized text. It walks code points rather than UTF-16 units, as Python does, so astral
/// letters and digits are classified correctly; alternatives are tried in the pattern's order at each position.
/// </summary>
internal static class ClipPreTokenizer
{
    /// <summary>The pieces of <paramref name="text"/> (already normalized), in order.</summary>
    internal static List<string> Split(string text)
    {
        var pieces = new List<string>();
        var i = 0;
        while (i < text.Length)
        {
            var length = MatchAt(text, i);
            if (length > 0)
            {
                pieces.Add(text.Substring(i, length));
                i += length;
            }
            else
            {
                i += RuneWidth(text, i); // whitespace: no alternative matches, findall moves on
            }
        }

        return pieces;
    }

    private static int MatchAt(string text, int i)
    {
        if (text[i] == '<')
        {
            if (MatchesIgnoreCase(text, i, ClipTokenizer.StartOfTextToken))
                return ClipTokenizer.StartOfTextToken.Length;
            if (MatchesIgnoreCase(text, i, ClipTokenizer.EndOfTextToken))
                return ClipTokenizer.EndOfTextToken.Length;
        }

        if (text[i] == '\'')
        {
            var contraction = ContractionLength(text, i);
            if (contraction > 0)
                return contraction;
        }

        var kind = Classify(text, i, out var width);
        switch (kind)
        {
            case CharKind.Letter:
                var end = i + width;
                while (end < text.Length && Classify(text, end, out var w) == CharKind.Letter)
                    end += w;
                return end - i;
            case CharKind.Number:
                return width;
            case CharKind.Other:
                var stop = i + width;
                while (stop < text.Length && Classify(text, stop, out var w) == CharKind.Other)
                    stop += w;
                return stop - i;
            default:
                return 0;
        }
    }

    // 's 't 're 've 'm 'll 'd; the letters after the apostrophe are distinct, so the order of the alternatives
    // does not matter.
    private static int ContractionLength(string text, int i)
    {
        if (i + 1 >= text.Length)
            return 0;
        var first = text[i + 1];
        if (EqualsIgnoreCase(first, 's') || EqualsIgnoreCase(first, 't') || EqualsIgnoreCase(first, 'm')
            || EqualsIgnoreCase(first, 'd'))
            return 2;
        if (i + 2 >= text.Length)
            return 0;
        var second = text[i + 2];
        if ((EqualsIgnoreCase(first, 'r') || EqualsIgnoreCase(first, 'v')) && EqualsIgnoreCase(second, 'e'))
            return 3;
        if (EqualsIgnoreCase(first, 'l') && EqualsIgnoreCase(second, 'l'))
            return 3;
        return 0;
    }

    private static bool MatchesIgnoreCase(string text, int i, string literal)
    {
        if (i + literal.Length > text.Length)
            return false;
        for (var k = 0; k < literal.Length; k++)
        {
            if (!EqualsIgnoreCase(text[i + k], literal[k]))
                return false;
        }

        return true;
    }

    // The regex module's IGNORECASE uses simple case folding: ASCII letters match either case, and the long s
    // (U+017F) folds to 's'. (The Kelvin sign folds to 'k', which no literal here contains.)
    private static bool EqualsIgnoreCase(char c, char lowerAscii) =>
        c == lowerAscii || (c ^ 0x20) == lowerAscii && lowerAscii is >= 'a' and <= 'z'
        || lowerAscii == 's' && c == '\u017F';

    private enum CharKind
    {
        Space,
        Letter,
        Number,
        Other,
    }

    private static CharKind Classify(string text, int i, out int width)
    {
        var c = text[i];
        if (c < 0x80)
        {
            width = 1;
            if (c is >= 'a' and <= 'z' or >= 'A' and <= 'Z')
                return CharKind.Letter;
            if (c is >= '0' and <= '9')
                return CharKind.Number;
            return ClipTextNormalizer.IsRegexWhitespace(c) ? CharKind.Space : CharKind.Other;
        }

        if (ClipTextNormalizer.IsRegexWhitespace(c))
        {
            width = 1;
            return CharKind.Space;
        }

        if (Rune.DecodeFromUtf16(text.AsSpan(i), out var rune, out width) != System.Buffers.OperationStatus.Done)
            return CharKind.Other; // a lone surrogate: neither letter, number nor space

        return Rune.GetUnicodeCategory(rune) switch
        {
            UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
                or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter => CharKind.Letter,
            UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber
                or UnicodeCategory.OtherNumber => CharKind.Number,
            _ => CharKind.Other,
        };
    }

    private static int RuneWidth(string text, int i) =>
        char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) ? 2 : 1;
}
