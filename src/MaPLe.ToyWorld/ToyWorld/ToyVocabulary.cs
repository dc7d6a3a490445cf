namespace MaPLe.ToyWorld;

/// <summary>The English words of the toy world's attributes (lower case, as they appear in captions and class names).</summary>
public static class ToyVocabulary
{
    private static readonly string[] ColorWords =
        ["red", "green", "blue", "yellow", "orange", "purple", "pink", "brown", "white", "black", "grey", "cyan"];

    private static readonly string[] ShapeWords =
        ["circle", "square", "triangle", "star", "hexagon", "diamond", "cross", "heart", "crescent", "pentagon"];

    private static readonly string[] SizeWords = ["small", "medium", "large"];

    private static readonly string[] PositionWords =
        ["center", "left", "right", "top", "bottom", "top left", "top right", "bottom left", "bottom right"];

    private static readonly string[] TextureWords = ["plain", "striped", "dotted", "checkered", "gradient"];

    /// <summary>The word for a colour, e.g. "red".</summary>
    public static string Word(ToyColor color) => Lookup(ColorWords, (int)color, nameof(color));

    /// <summary>The word for a shape, e.g. "triangle".</summary>
    public static string Word(ToyShape shape) => Lookup(ShapeWords, (int)shape, nameof(shape));

    /// <summary>The word for a size, e.g. "small".</summary>
    public static string Word(ToySize size) => Lookup(SizeWords, (int)size, nameof(size));

    /// <summary>The words for a position, e.g. "top left" or "center".</summary>
    public static string Word(ToyPosition position) => Lookup(PositionWords, (int)position, nameof(position));

    /// <summary>The adjective for a background texture, e.g. "striped".</summary>
    public static string Word(ToyTexture texture) => Lookup(TextureWords, (int)texture, nameof(texture));

    /// <summary>Parses a colour word (case-insensitive; "gray" is accepted for grey).</summary>
    public static bool TryParseColor(string word, out ToyColor color)
    {
        ArgumentNullException.ThrowIfNull(word);
        var w = word.Trim().ToLowerInvariant();
        var i = Array.IndexOf(ColorWords, w == "gray" ? "grey" : w);
        color = (ToyColor)Math.Max(i, 0);
        return i >= 0;
    }

    /// <summary>Parses a shape word (case-insensitive).</summary>
    public static bool TryParseShape(string word, out ToyShape shape)
    {
        ArgumentNullException.ThrowIfNull(word);
        var i = Array.IndexOf(ShapeWords, word.Trim().ToLowerInvariant());
        shape = (ToyShape)Math.Max(i, 0);
        return i >= 0;
    }

    /// <summary>"a" or "an" for the word that follows it.</summary>
    public static string Article(string nextWord) =>
        nextWord.Length > 0 && "aeiou".Contains(char.ToLowerInvariant(nextWord[0])) ? "an" : "a";

    private static string Lookup(string[] words, int index, string parameter) =>
        (uint)index < (uint)words.Length
            ? words[index]
            : throw new ArgumentOutOfRangeException(parameter, index, "Not a defined toy-world attribute value.");
}
