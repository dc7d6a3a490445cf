namespace MaPLe.ToyWorld;

/// <summary>
/// Everything needed to render one toy-world image: the named attributes (what captions talk about) plus small jitters
/// and a detail seed (what makes two scenes with the same attributes look different). Rendering a scene is a pure
/// function of the scene and the render options.
/// </summary>
/// <param name="Color">Colour of the main shape.</param>
/// <param name="Shape">The main shape.</param>
/// <param name="Size">Size of the main shape.</param>
/// <param name="Position">Anchor of the main shape.</param>
/// <param name="BackgroundColor">Background colour (always contrasts with <paramref name="Color"/> when sampled).</param>
/// <param name="Texture">Background pattern.</param>
public sealed record ToyScene(
    ToyColor Color,
    ToyShape Shape,
    ToySize Size,
    ToyPosition Position,
    ToyColor BackgroundColor,
    ToyTexture Texture)
{
    /// <summary>Rotation of the main shape in degrees (clockwise).</summary>
    public float RotationDegrees { get; init; }

    /// <summary>Horizontal shift of the main shape from its anchor, as a fraction of the image side.</summary>
    public float OffsetX { get; init; }

    /// <summary>Vertical shift of the main shape from its anchor, as a fraction of the image side.</summary>
    public float OffsetY { get; init; }

    /// <summary>Multiplier on the size's nominal radius.</summary>
    public float Scale { get; init; } = 1f;

    /// <summary>How many small distractor marks (dots, strokes) are drawn under the main shape.</summary>
    public int DistractorCount { get; init; }

    /// <summary>Seeds the pattern orientation, distractor placement and pixel noise.</summary>
    public ulong DetailSeed { get; init; }

    /// <summary>The scene's class: its colour and shape.</summary>
    public ToyColorShape Combination => new(Color, Shape);

    /// <summary>The class name, e.g. "red triangle".</summary>
    public string ClassName => Combination.ClassName;
}
