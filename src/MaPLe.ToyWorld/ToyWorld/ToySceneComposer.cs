namespace MaPLe.ToyWorld;

/// <summary>Draws everything about a scene except its colour × shape class, which the caller fixes.</summary>
internal static class ToySceneComposer
{
    public static ToyScene Compose(ref ToyRandom rng, ToyColorShape combination, ToyWorldOptions options)
    {
        var backgrounds = ContrastingBackgrounds(combination.Color, options);
        if (backgrounds.Count == 0)
            throw new InvalidOperationException(NoBackgroundMessage(combination.Color));
        var size = rng.Pick(options.Sizes);
        var position = rng.Pick(options.Positions);
        var background = rng.Pick(backgrounds);
        var texture = rng.Pick(options.Textures);
        return new ToyScene(combination.Color, combination.Shape, size, position, background, texture)
        {
            RotationDegrees = rng.NextSymmetric(options.MaxRotationDegrees),
            OffsetX = rng.NextSymmetric(options.PositionJitter),
            OffsetY = rng.NextSymmetric(options.PositionJitter),
            Scale = 1f + rng.NextSymmetric(options.ScaleJitter),
            DistractorCount = rng.NextInt(options.MaxDistractors + 1),
            DetailSeed = rng.NextUInt64(),
        };
    }

    /// <summary>Throws when some colour of <paramref name="colors"/> has no usable background in <paramref name="options"/>.</summary>
    public static void EnsureBackgrounds(IEnumerable<ToyColor> colors, ToyWorldOptions options)
    {
        foreach (var color in colors.Distinct())
            if (ContrastingBackgrounds(color, options).Count == 0)
                throw new ArgumentException(NoBackgroundMessage(color), nameof(options));
    }

    private static List<ToyColor> ContrastingBackgrounds(ToyColor shapeColor, ToyWorldOptions options) =>
        options.BackgroundColors.Where(b => ToyPalette.Contrasts(shapeColor, b)).ToList();

    private static string NoBackgroundMessage(ToyColor color) =>
        $"ToyWorldOptions.BackgroundColors has no colour that contrasts with {ToyVocabulary.Word(color)} shapes; " +
        "add more background colours (see ToyPalette.Contrasts).";
}
