using System.Text;

namespace MaPLe.Tokenization;

/// <summary>
/// CLIP's text cleaning before pre-tokenization: <c>html.unescape</c> twice, strip, collapse whitespace runs to one
/// space, strip, lowercase (Python semantics throughout). ftfy's <c>fix_text</c>, which upstream runs first, is not
/// applied: it only repairs mojibake and the reference fixtures were produced without it.
/// </summary>
internal static class ClipTextNormalizer
{
    /// <summary>The cleaned, lowercased text that the pre-tokenizer splits.</summary>
    internal static string Normalize(string text)
    {
        var unescaped = PythonHtmlUnescape.Unescape(PythonHtmlUnescape.Unescape(text));
        var collapsed = CollapseWhitespace(StripPython(unescaped));
        return PythonLowercase.Lower(StripPython(collapsed));
    }

    /// <summary>
    /// Whitespace as the <c>regex</c> module's <c>\s</c> sees it (Unicode White_Space), which is exactly
    /// <see cref="char.IsWhiteSpace(char)"/>; no White_Space character lies outside the BMP.
    /// </summary>
    internal static bool IsRegexWhitespace(char c) => char.IsWhiteSpace(c);

    // Python's str.strip() also removes the information separators U+001C..U+001F, which \s does not match.
    private static bool IsPythonSpace(char c) => char.IsWhiteSpace(c) || c is >= '\u001C' and <= '\u001F';

    private static string StripPython(string text)
    {
        var start = 0;
        var end = text.Length;
        while (start < end && IsPythonSpace(text[start]))
            start++;
        while (end > start && IsPythonSpace(text[end - 1]))
            end--;
        return start == 0 && end == text.Length ? text : text[start..end];
    }

    private static string CollapseWhitespace(string text)
    {
        if (!NeedsCollapse(text))
            return text;

        var result = new StringBuilder(text.Length);
        var inRun = false;
        foreach (var c in text)
        {
            if (IsRegexWhitespace(c))
            {
                if (!inRun)
                    result.Append(' ');
                inRun = true;
            }
            else
            {
                result.Append(c);
                inRun = false;
            }
        }

        return result.ToString();
    }

    private static bool NeedsCollapse(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (IsRegexWhitespace(text[i]) && (text[i] != ' ' || (i + 1 < text.Length && IsRegexWhitespace(text[i + 1]))))
                return true;
        }

        return false;
    }
}
