using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace MaPLe.Tokenization;

/// <summary>
/// Python's <c>html.unescape</c>, which CLIP applies twice before tokenizing. It differs from
/// <see cref="System.Net.WebUtility.HtmlDecode(string)"/>: all 2,231 HTML5 names, the legacy names without ';'
/// (<c>&amp;amp</c>), the longest known prefix of an unknown name (<c>&amp;notit;</c> is "¬it;"), and the HTML5 rules for
/// invalid numeric references (Windows-1252 for 0x80–0x9F, U+FFFD for 0, surrogates and > U+10FFFF, nothing for
/// control characters and non-characters).
/// </summary>
internal static partial class PythonHtmlUnescape
{
    private static readonly Lazy<Dictionary<string, string>> Names = new(ParseTable);

    // Same pattern as Python's html._charref.
    [GeneratedRegex(@"&(#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[^\t\n\f <&#;]{1,32};?)", RegexOptions.CultureInvariant)]
    private static partial Regex CharacterReference();

    /// <summary>The text with its character references replaced, exactly as Python's <c>html.unescape</c>.</summary>
    internal static string Unescape(string text) =>
        text.Contains('&') ? CharacterReference().Replace(text, m => Replace(m.Groups[1].Value)) : text;

    private static string Replace(string reference)
    {
        if (reference[0] == '#')
            return NumericReference(reference);

        var names = Names.Value;
        if (names.TryGetValue(reference, out var value))
            return value;

        // The longest known name that is a proper prefix (at least 2 characters), as the HTML standard defines.
        for (var length = reference.Length - 1; length > 1; length--)
        {
            if (names.TryGetValue(reference[..length], out value))
                return value + reference[length..];
        }

        return "&" + reference;
    }

    private static string NumericReference(string reference)
    {
        var hex = reference[1] is 'x' or 'X';
        var digits = reference.AsSpan(hex ? 2 : 1).TrimEnd(';').TrimStart('0');
        var style = hex ? NumberStyles.AllowHexSpecifier : NumberStyles.None;

        // Python's int has no overflow; anything longer than 8 digits is above U+10FFFF anyway.
        var number = digits.Length == 0 ? 0
            : digits.Length > 8 ? long.MaxValue
            : long.Parse(digits, style, CultureInfo.InvariantCulture);

        if (number is >= 0x80 and <= 0x9F)
            return Windows1252[(int)number - 0x80].ToString();
        if (number == 0)
            return "\uFFFD";
        if (number == 0x0D)
            return "\r";
        if (number is >= 0xD800 and <= 0xDFFF or > 0x10FFFF)
            return "\uFFFD";
        if (IsInvalidCodePoint((int)number))
            return string.Empty;
        return char.ConvertFromUtf32((int)number);
    }

    private static bool IsInvalidCodePoint(int c) =>
        c is >= 0x1 and <= 0x8 or 0xB or >= 0xE and <= 0x1F or 0x7F or >= 0xFDD0 and <= 0xFDEF
        || (c & 0xFFFE) == 0xFFFE;

    // HTML5's replacements for numeric references to 0x80..0x9F (0x81, 0x8D, 0x8F, 0x90, 0x9D stay as they are).
    private const string Windows1252 =
        "\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F" +
        "\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178";

    private static Dictionary<string, string> ParseTable()
    {
        var names = new Dictionary<string, string>(2300, StringComparer.Ordinal);
        foreach (var line in HtmlEntityTable.Lines())
        {
            var space = line.IndexOf(' ');
            var legacy = line[0] == '*';
            var name = line[(legacy ? 1 : 0)..space];
            var value = new StringBuilder(2);
            foreach (var hex in line[(space + 1)..].TrimEnd('\r').Split('+'))
                value.Append(char.ConvertFromUtf32(int.Parse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture)));

            var text = value.ToString();
            names[name + ";"] = text;
            if (legacy)
                names[name] = text;
        }

        return names;
    }
}
