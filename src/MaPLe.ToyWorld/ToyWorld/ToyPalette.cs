namespace MaPLe.ToyWorld;

/// <summary>
/// The RGB value of every <see cref="ToyColor"/>, the tone used for background patterns, and which shape / background
/// pairs contrast enough to be told apart.
/// </summary>
public static class ToyPalette
{
    /// <summary>Shape and background (and its pattern tone) are at least this far apart in RGB space.</summary>
    public const double MinimumContrast = 90;

    private static readonly ToyRgb White = new(255, 255, 255);
    private static readonly ToyRgb Black = new(0, 0, 0);

    // Saturated, well separated values: at 64×64 a tiny model must tell orange from red and pink from purple.
    private static readonly ToyRgb[] Values =
    [
        new(220, 40, 40),    // red
        new(40, 170, 60),    // green
        new(40, 80, 225),    // blue
        new(250, 220, 40),   // yellow
        new(250, 140, 20),   // orange
        new(135, 50, 190),   // purple
        new(250, 130, 200),  // pink
        new(125, 75, 35),    // brown
        new(245, 245, 245),  // white
        new(20, 20, 20),     // black
        new(128, 128, 128),  // grey
        new(40, 205, 225),   // cyan
    ];

    /// <summary>Every colour, in enum order.</summary>
    public static IReadOnlyList<ToyColor> AllColors { get; } = Enum.GetValues<ToyColor>();

    /// <summary>The RGB value the renderer paints <paramref name="color"/> with.</summary>
    public static ToyRgb Rgb(ToyColor color) => Values[Index(color)];

    /// <summary>
    /// The second tone of background patterns: the colour pushed towards white when dark, towards black when light, so
    /// that a pattern stays recognisably "blue" while its stripes or dots are visible.
    /// </summary>
    public static ToyRgb Tone(ToyColor color)
    {
        var rgb = Rgb(color);
        var luma = 0.299 * rgb.R + 0.587 * rgb.G + 0.114 * rgb.B;
        return luma < 110 ? rgb.Blend(White, 0.3) : rgb.Blend(Black, 0.25);
    }

    /// <summary>
    /// Whether a shape of <paramref name="shape"/> stands out on a <paramref name="background"/> background: both the
    /// background colour and its pattern tone are at least <see cref="MinimumContrast"/> away from the shape colour.
    /// </summary>
    public static bool Contrasts(ToyColor shape, ToyColor background)
    {
        if (shape == background)
            return false;
        var s = Rgb(shape);
        return s.DistanceTo(Rgb(background)) >= MinimumContrast && s.DistanceTo(Tone(background)) >= MinimumContrast;
    }

    private static int Index(ToyColor color)
    {
        var i = (int)color;
        if ((uint)i >= (uint)Values.Length)
            throw new ArgumentOutOfRangeException(nameof(color), color, "Not a defined ToyColor.");
        return i;
    }
}
