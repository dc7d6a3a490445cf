namespace MaPLe.Imaging;

/// <summary>
/// Settings of the CLIP image transforms (Dassl's defaults for MaPLe: CLIP mean/std, RandomResizedCrop scale (0.08, 1),
/// ratio (3/4, 4/3), horizontal flip with probability 0.5).
/// </summary>
public sealed record ClipTransformOptions
{
    /// <summary>The defaults used by MaPLe and CLIP.</summary>
    public static ClipTransformOptions Default { get; } = new();

    /// <summary>Per-channel (R, G, B) mean subtracted after scaling pixels to [0, 1]. CLIP's by default.</summary>
    public IReadOnlyList<float> Mean { get; init; } = [0.48145466f, 0.4578275f, 0.40821073f];

    /// <summary>Per-channel (R, G, B) standard deviation the centred values are divided by. CLIP's by default.</summary>
    public IReadOnlyList<float> Std { get; init; } = [0.26862954f, 0.26130258f, 0.27577711f];

    /// <summary>RandomResizedCrop: range of the crop's area as a fraction of the image's area (torchvision's <c>scale</c>).</summary>
    public (double Min, double Max) Scale { get; init; } = (0.08, 1.0);

    /// <summary>RandomResizedCrop: range of the crop's aspect ratio (width / height).</summary>
    public (double Min, double Max) Ratio { get; init; } = (3.0 / 4.0, 4.0 / 3.0);

    /// <summary>Probability of a horizontal flip in the training transform (0 disables it).</summary>
    public double FlipProbability { get; init; } = 0.5;

    /// <summary>Checks every setting and reports all problems at once.</summary>
    /// <exception cref="ArgumentException">A setting is invalid; the message names each one and the fix.</exception>
    public ClipTransformOptions Validate()
    {
        var problems = new List<string>();
        CheckTriple(nameof(Mean), Mean, problems, requirePositive: false);
        CheckTriple(nameof(Std), Std, problems, requirePositive: true);
        if (!(Scale.Min > 0 && Scale.Min <= Scale.Max) || !double.IsFinite(Scale.Max))
            problems.Add($"{nameof(Scale)} must satisfy 0 < min <= max and be finite, typically max <= 1 (got ({Scale.Min}, {Scale.Max})).");
        if (!(Ratio.Min > 0 && Ratio.Min <= Ratio.Max) || !double.IsFinite(Ratio.Max))
            problems.Add($"{nameof(Ratio)} must satisfy 0 < min <= max and be finite (got ({Ratio.Min}, {Ratio.Max})).");
        if (!(FlipProbability >= 0 && FlipProbability <= 1))
            problems.Add($"{nameof(FlipProbability)} must lie in [0, 1] (got {FlipProbability}).");
        if (problems.Count > 0)
            throw new ArgumentException("Invalid ClipTransformOptions: " + string.Join(" ", problems));
        return this;
    }

    private static void CheckTriple(string name, IReadOnlyList<float>? values, List<string> problems, bool requirePositive)
    {
        if (values is null || values.Count != 3)
        {
            problems.Add($"{name} must have exactly 3 values (R, G, B), got {values?.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "null"}.");
            return;
        }
        foreach (var v in values)
        {
            if (!float.IsFinite(v) || (requirePositive && v <= 0))
            {
                problems.Add($"{name} values must be finite{(requirePositive ? " and positive" : "")} (got {string.Join(", ", values)}).");
                return;
            }
        }
    }
}
