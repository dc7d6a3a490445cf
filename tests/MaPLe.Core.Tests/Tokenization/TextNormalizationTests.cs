using MaPLe.Tokenization;

namespace MaPLe.Tests.Tokenization;

/// <summary>
/// Corners of CLIP's text cleaning and pre-tokenizer where .NET's defaults differ from Python's. Expected ids were
/// computed with OpenAI's <c>simple_tokenizer.py</c> (ftfy as identity, as in the fixtures) under CPython 3.11 and
/// the <c>regex</c> module; the other expectations are CPython's <c>html.unescape</c> and <c>str.lower</c>.
/// </summary>
public sealed class TextNormalizationTests
{
    [Theory]
    [InlineData("&amp", "&")] // legacy name without ';'
    [InlineData("&notit;", "¬it;")] // longest known prefix
    [InlineData("&ampfoo", "&foo")]
    [InlineData("&unknown;", "&unknown;")]
    [InlineData("&#128;", "€")] // Windows-1252 for 0x80..0x9F
    [InlineData("&#x81;", "\u0081")]
    [InlineData("&#0;", "\uFFFD")]
    [InlineData("&#xD800;", "\uFFFD")]
    [InlineData("&#1114112;", "\uFFFD")]
    [InlineData("&#99999999999999999999999;", "\uFFFD")]
    [InlineData("&#1;", "")] // control characters vanish
    [InlineData("&#xFFFE;", "")]
    [InlineData("&#x1F600;", "😀")]
    [InlineData("&#00000000000065;", "A")]
    [InlineData("&NewLine;&Tab;", "\n\t")]
    [InlineData("&nbsp", "\u00A0")]
    [InlineData("&amp;lt;", "&lt;")] // one pass only
    [InlineData("&CounterClockwiseContourIntegral;", "∳")]
    [InlineData("&ngE;", "≧̸")] // two code points
    [InlineData("&AElig;&zwnj;", "Æ\u200C")] // the first and last names of the embedded table: all of it is read
    [InlineData("&Afr;", "\U0001D504")] // beyond the BMP
    [InlineData("&#;&#x;&", "&#;&#x;&")]
    public void Html_unescape_matches_python(string input, string expected) =>
        Assert.Equal(expected, PythonHtmlUnescape.Unescape(input));

    [Theory]
    [InlineData("ΟΔΥΣΣΕΥΣ", "οδυσσευς")] // final sigma
    [InlineData("ΑΣ'Α", "ασ'α")] // ' is case-ignorable, a cased letter follows
    [InlineData("Σ", "σ")] // nothing cased before
    [InlineData("A Σ", "a σ")]
    [InlineData("İstanbul", "i\u0307stanbul")]
    [InlineData("𐐀𐐁 ǅ Ⅻ Ⓐ", "𐐨𐐩 ǆ ⅻ ⓐ")]
    [InlineData("ẞ K Å", "ß k å")]
    public void Lowercase_matches_python(string input, string expected) =>
        Assert.Equal(expected, PythonLowercase.Lower(input));

    [Theory]
    [InlineData("ΟΔΥΣΣΕΥΣ", new[] { 138, 123, 138, 112, 139, 227, 139, 225, 139, 225, 138, 113, 139, 227, 139, 480 })]
    [InlineData("İstanbul", new[] { 328, 16384, 11231 })]
    [InlineData("'ſ", new[] { 6, 129, 379 })] // IGNORECASE: 'ſ is the contraction 's
    [InlineData("&amp", new[] { 261 })]
    [InlineData("&notit;", new[] { 126, 361, 585, 282 })]
    [InlineData("&#128;", new[] { 6309 })]
    [InlineData("a\u001Cb", new[] { 320, 472, 321 })] // U+001C is not \s for the regex module
    [InlineData("\u001C a \u001C", new[] { 320 })] // ...but str.strip() removes it
    [InlineData("<|STARTOFTEXT|>", new[] { 49406 })]
    [InlineData("<|ſtartoftext|>", new[] { 27, 91, 129, 123, 2002, 6659, 18169, 91, 285 })] // matched, not special
    [InlineData("𝐀𝐁𝐂", new[] { 15889, 222, 15889, 223, 15889, 480 })] // astral letters: one piece
    [InlineData("e\u0301", new[] { 324, 136, 479 })] // a combining mark is not \p{L}
    [InlineData("a&amp;lt;b", new[] { 320, 283, 321 })] // unescaped twice
    [InlineData("l\u00A0\u3000m", new[] { 331, 332 })]
    public void Encode_matches_python_on_corner_cases(string text, int[] expected) =>
        Assert.Equal(expected, TokenizerFixtures.OpenAi.Encode(text));

    [Fact]
    public void Pre_tokenizer_splits_as_clip_regex()
    {
        Assert.Equal(["it", "'s", "a", "'", "r", "don", "'t", "!!!", "?", "3", ".", "1", "<|endoftext|>", "x", "_"],
            ClipPreTokenizer.Split("it's a 'r don't !!! ? 3.1<|endoftext|>x_"));
        Assert.Equal(["!<|", "endoftext", "|>"], ClipPreTokenizer.Split("!<|endoftext|>"));
    }
}
