namespace MaPLe.ToyWorld;

/// <summary>
/// How toy-world scenes are sampled and rendered. The defaults give 64×64 images with mild jitter, up to two distractor
/// marks and light pixel noise; <see cref="Clean"/> switches all of that off.
/// </summary>
public sealed record ToyWorldOptions
{
    /// <summary>Image side in pixels (images are square). 16 to 1024; default 64.</summary>
    public int ImageSize { get; init; } = 64;

    /// <summary>Antialiased shape and pattern edges (default). Rendering is bit-exact for a seed on one machine either way.</summary>
    public bool Antialias { get; init; } = true;

    /// <summary>Uniform per-channel pixel noise of ± this many levels. 0 to 64; default 6.</summary>
    public int NoiseAmplitude { get; init; } = 6;

    /// <summary>Up to this many small dots or strokes (never in the shape's colour) under the shape. 0 to 16; default 2.</summary>
    public int MaxDistractors { get; init; } = 2;

    /// <summary>Random rotation of the shape, ± degrees. 0 to 30 (more would turn squares into diamonds); default 12.</summary>
    public double MaxRotationDegrees { get; init; } = 12;

    /// <summary>Random shift of the shape from its anchor, ± this fraction of the image side. 0 to 0.1; default 0.03.</summary>
    public double PositionJitter { get; init; } = 0.03;

    /// <summary>Random relative change of the shape's radius, ± this fraction. 0 to 0.2; default 0.08.</summary>
    public double ScaleJitter { get; init; } = 0.08;

    /// <summary>The camera's colour response applied after rendering (default: neutral).</summary>
    public ToyCamera Camera { get; init; } = ToyCamera.Neutral;

    /// <summary>Colours the sampler gives shapes (default: all).</summary>
    public IReadOnlyList<ToyColor> Colors { get; init; } = Enum.GetValues<ToyColor>();

    /// <summary>Shapes the sampler draws (default: all).</summary>
    public IReadOnlyList<ToyShape> Shapes { get; init; } = Enum.GetValues<ToyShape>();

    /// <summary>Sizes the sampler draws (default: all).</summary>
    public IReadOnlyList<ToySize> Sizes { get; init; } = Enum.GetValues<ToySize>();

    /// <summary>Positions the sampler draws (default: all).</summary>
    public IReadOnlyList<ToyPosition> Positions { get; init; } = Enum.GetValues<ToyPosition>();

    /// <summary>Background colours the sampler draws from (default: all); those too close to the shape's are skipped.</summary>
    public IReadOnlyList<ToyColor> BackgroundColors { get; init; } = Enum.GetValues<ToyColor>();

    /// <summary>Background textures the sampler draws (default: all).</summary>
    public IReadOnlyList<ToyTexture> Textures { get; init; } = Enum.GetValues<ToyTexture>();

    /// <summary>No noise, no distractors, no jitter: every image shows exactly its attributes.</summary>
    public static ToyWorldOptions Clean { get; } = new()
    {
        NoiseAmplitude = 0, MaxDistractors = 0, MaxRotationDegrees = 0, PositionJitter = 0, ScaleJitter = 0,
    };

    /// <summary>Checks every option and throws one exception listing every problem.</summary>
    /// <exception cref="ArgumentException">Some option is out of range; the message names each and its valid range.</exception>
    public ToyWorldOptions Validate()
    {
        var problems = new List<string>();
        Range(nameof(ImageSize), ImageSize, 16, 1024, problems);
        Range(nameof(NoiseAmplitude), NoiseAmplitude, 0, 64, problems);
        Range(nameof(MaxDistractors), MaxDistractors, 0, 16, problems);
        Range(nameof(MaxRotationDegrees), MaxRotationDegrees, 0, 30, problems);
        Range(nameof(PositionJitter), PositionJitter, 0, 0.1, problems);
        Range(nameof(ScaleJitter), ScaleJitter, 0, 0.2, problems);
        (Camera ?? throw new ArgumentException($"{nameof(Camera)} must not be null.")).Validate(problems);
        Values(nameof(Colors), Colors, problems);
        Values(nameof(Shapes), Shapes, problems);
        Values(nameof(Sizes), Sizes, problems);
        Values(nameof(Positions), Positions, problems);
        Values(nameof(BackgroundColors), BackgroundColors, problems);
        Values(nameof(Textures), Textures, problems);
        if (problems.Count > 0)
            throw new ArgumentException($"Invalid {nameof(ToyWorldOptions)}: {string.Join("; ", problems)}.");
        return this;
    }

    private static void Range(string name, double value, double min, double max, List<string> problems)
    {
        if (!(value >= min && value <= max))
            problems.Add($"{name} is {value}, must be between {min} and {max}");
    }

    private static void Values<T>(string name, IReadOnlyList<T>? values, List<string> problems) where T : struct, Enum
    {
        if (values is null || values.Count == 0)
            problems.Add($"{name} is empty, give at least one {typeof(T).Name}");
        else if (values.Any(v => !Enum.IsDefined(v)))
            problems.Add($"{name} holds a value that is not a defined {typeof(T).Name}");
        else if (values.Distinct().Count() != values.Count)
            problems.Add($"{name} lists a value twice");
    }
}
