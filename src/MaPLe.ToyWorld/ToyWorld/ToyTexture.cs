namespace MaPLe.ToyWorld;

/// <summary>The background pattern; patterns alternate the background colour with a lighter or darker tone of it.</summary>
public enum ToyTexture
{
    /// <summary>One flat colour.</summary>
    Plain,
    /// <summary>Stripes (horizontal, vertical or diagonal).</summary>
    Striped,
    /// <summary>A grid of dots.</summary>
    Dotted,
    /// <summary>A checkerboard.</summary>
    Checkered,
    /// <summary>A linear gradient from the colour to its tone.</summary>
    Gradient,
}
