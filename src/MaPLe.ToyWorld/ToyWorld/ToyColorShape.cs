namespace MaPLe.ToyWorld;

/// <summary>A colour × shape combination: one class of the toy world (e.g. "red triangle").</summary>
/// <param name="Color">The shape's colour.</param>
/// <param name="Shape">The shape.</param>
public readonly record struct ToyColorShape(ToyColor Color, ToyShape Shape)
{
    /// <summary>The class name used in prompts: colour word, space, shape word (e.g. "red triangle").</summary>
    public string ClassName => ToyVocabulary.Word(Color) + " " + ToyVocabulary.Word(Shape);

    /// <summary>Every combination of <paramref name="colors"/> and <paramref name="shapes"/>, colour-major.</summary>
    public static IReadOnlyList<ToyColorShape> All(IEnumerable<ToyColor>? colors = null, IEnumerable<ToyShape>? shapes = null)
    {
        var shapeList = (shapes ?? Enum.GetValues<ToyShape>()).ToArray();
        return (colors ?? Enum.GetValues<ToyColor>()).SelectMany(c => shapeList.Select(s => new ToyColorShape(c, s))).ToArray();
    }

    /// <summary>Parses a class name such as "red triangle" (case-insensitive, single spaces or any whitespace).</summary>
    /// <exception cref="FormatException">The text is not "&lt;colour&gt; &lt;shape&gt;" with known words.</exception>
    public static ToyColorShape Parse(string className)
    {
        ArgumentNullException.ThrowIfNull(className);
        var parts = className.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 2 && ToyVocabulary.TryParseColor(parts[0], out var c) && ToyVocabulary.TryParseShape(parts[1], out var s))
            return new ToyColorShape(c, s);
        throw new FormatException(
            $"'{className}' is not a toy-world class: expected '<colour> <shape>' such as 'red triangle' " +
            $"(colours: {string.Join(", ", Enum.GetValues<ToyColor>().Select(ToyVocabulary.Word))}; " +
            $"shapes: {string.Join(", ", Enum.GetValues<ToyShape>().Select(ToyVocabulary.Word))}).");
    }

    /// <inheritdoc/>
    public override string ToString() => ClassName;
}
