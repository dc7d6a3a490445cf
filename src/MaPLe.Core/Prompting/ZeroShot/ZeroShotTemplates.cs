namespace MaPLe.Prompting.ZeroShot;

/// <summary>
/// The hand-written prompt templates of zero-shot CLIP as upstream uses them (<c>trainers/zsclip.py</c>, identical in
/// CoOp): one template per dataset, and the 7 ImageNet templates <c>ZeroshotCLIP2</c> ensembles. "{}" marks the class.
/// </summary>
public static class ZeroShotTemplates
{
    /// <summary>The plain template, "a photo of a {}.".</summary>
    public const string Default = "a photo of a {}.";

    /// <summary>The per-dataset template (<c>CUSTOM_TEMPLATES</c>), keyed by Dassl's dataset names (case-insensitive).</summary>
    public static IReadOnlyDictionary<string, string> Custom { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["OxfordPets"] = "a photo of a {}, a type of pet.",
        ["OxfordFlowers"] = "a photo of a {}, a type of flower.",
        ["FGVCAircraft"] = "a photo of a {}, a type of aircraft.",
        ["DescribableTextures"] = "{} texture.",
        ["EuroSAT"] = "a centered satellite photo of {}.",
        ["StanfordCars"] = "a photo of a {}.",
        ["Food101"] = "a photo of {}, a type of food.",
        ["SUN397"] = "a photo of a {}.",
        ["Caltech101"] = "a photo of a {}.",
        ["UCF101"] = "a photo of a person doing {}.",
        ["ImageNet"] = "a photo of a {}.",
        ["ImageNetSketch"] = "a photo of a {}.",
        ["ImageNetV2"] = "a photo of a {}.",
        ["ImageNetA"] = "a photo of a {}.",
        ["ImageNetR"] = "a photo of a {}.",
    };

    /// <summary>The 7 templates of <c>IMAGENET_TEMPLATES_SELECT</c> (the ensemble of <c>ZeroshotCLIP2</c>).</summary>
    public static IReadOnlyList<string> ImageNetSelect { get; } =
    [
        "itap of a {}.",
        "a bad photo of the {}.",
        "a origami {}.",
        "a photo of the large {}.",
        "a {} in a video game.",
        "art of the {}.",
        "a photo of the small {}.",
    ];

    /// <summary>The template of <paramref name="dataset"/> (a key of <see cref="Custom"/>).</summary>
    /// <exception cref="ArgumentException">Unknown dataset; the message lists the known ones.</exception>
    public static string For(string dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        return Custom.TryGetValue(dataset, out var t)
            ? t
            : throw new ArgumentException($"No zero-shot template for dataset '{dataset}'. Known: {string.Join(", ", Custom.Keys)}.", nameof(dataset));
    }

    /// <summary>
    /// <c>ZeroshotCLIP2</c>'s ensemble for <paramref name="dataset"/>: the 7 ImageNet templates, plus the dataset's own
    /// template unless it is ImageNet.
    /// </summary>
    public static IReadOnlyList<string> EnsembleFor(string dataset)
    {
        string own = For(dataset);
        return string.Equals(dataset, "ImageNet", StringComparison.OrdinalIgnoreCase) ? ImageNetSelect : [.. ImageNetSelect, own];
    }

    /// <summary>Python's <c>template.format(name)</c> for a template with one "{}": the class name with "_" as spaces.</summary>
    public static string Format(string template, string className) => PromptText.FormatTemplate(template, className);
}
