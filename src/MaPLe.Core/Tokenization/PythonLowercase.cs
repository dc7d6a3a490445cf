using System.Globalization;
using System.Text;

namespace MaPLe.Tokenization;

/// <summary>
/// Python's <c>str.lower()</c>: per code point (astral letters included), with the two rules where it differs from
/// <see cref="string.ToLowerInvariant"/>: U+0130 becomes "i̇" (two code points) and a capital sigma at the end of a
/// word becomes the final form ς (Unicode's Final_Sigma context).
/// </summary>
internal static class PythonLowercase
{
    private const char CapitalSigma = '\u03A3';

    /// <summary>The lowercase form of <paramref name="text"/>.</summary>
    internal static string Lower(string text)
    {
        if (IsAsciiWithoutUpper(text))
            return text;

        var result = new StringBuilder(text.Length);
        var index = 0;
        while (index < text.Length)
        {
            Rune.DecodeFromUtf16(text.AsSpan(index), out var rune, out var consumed);
            if (consumed == 1 && char.IsSurrogate(text[index]))
                result.Append(text[index]); // a lone surrogate has no case; keep it as it is
            else if (rune.Value == 0x130)
                result.Append("i\u0307");
            else if (rune.Value == CapitalSigma)
                result.Append(IsFinalSigma(text, index) ? '\u03C2' : '\u03C3');
            else
                result.Append(Rune.ToLowerInvariant(rune).ToString());
            index += consumed;
        }

        return result.ToString();
    }

    private static bool IsAsciiWithoutUpper(string text)
    {
        foreach (var c in text)
        {
            if (c > 0x7F || c is >= 'A' and <= 'Z')
                return false;
        }

        return true;
    }

    // Final_Sigma: a cased letter before (skipping case-ignorable characters) and none after.
    private static bool IsFinalSigma(string text, int index)
    {
        var before = index;
        Rune previous = default;
        var found = false;
        while (before > 0)
        {
            Rune.DecodeLastFromUtf16(text.AsSpan(0, before), out previous, out var width);
            before -= width;
            if (!IsCaseIgnorable(previous))
            {
                found = true;
                break;
            }
        }

        if (!found || !IsCased(previous))
            return false;

        var after = index + 1;
        while (after < text.Length)
        {
            Rune.DecodeFromUtf16(text.AsSpan(after), out var next, out var width);
            after += width;
            if (!IsCaseIgnorable(next))
                return !IsCased(next);
        }

        return true;
    }

    // Unicode's Cased: Lu, Ll, Lt, Other_Lowercase and Other_Uppercase. Of the latter two, the modifier letters are
    // also case-ignorable (so never looked at here); the rest have case mappings (Roman numerals, circled letters)
    // or are the ordinal indicators and the squared Latin capitals.
    private static bool IsCased(Rune rune) =>
        Rune.GetUnicodeCategory(rune) is UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter
            or UnicodeCategory.TitlecaseLetter
        || rune.Value is 0xAA or 0xBA or >= 0x1F130 and <= 0x1F149 or >= 0x1F150 and <= 0x1F169 or >= 0x1F170 and <= 0x1F189
        || Rune.ToLowerInvariant(rune) != rune || Rune.ToUpperInvariant(rune) != rune;

    // Unicode's Case_Ignorable: Mn, Me, Cf, Lm, Sk, and the word-break MidLetter/MidNumLet/Single_Quote characters.
    private static bool IsCaseIgnorable(Rune rune) =>
        Rune.GetUnicodeCategory(rune) is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark
            or UnicodeCategory.Format or UnicodeCategory.ModifierLetter or UnicodeCategory.ModifierSymbol
        || rune.Value is '\'' or '.' or ':' or 0xB7 or 0x387 or 0x55F or 0x5F4 or 0x2018 or 0x2019 or 0x2024
            or 0x2027 or 0xFE13 or 0xFE52 or 0xFE55 or 0xFF07 or 0xFF0E or 0xFF1A;
}
