using MaPLe.Prompting.Components;

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
    public static IReadOnlyDictionary<string, string> Custom => DatasetTemplates.CoOp;

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
    public static string For(string dataset) => DatasetTemplates.Lookup(Custom, dataset, "zero-shot");

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
