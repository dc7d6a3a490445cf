namespace MaPLe.Prompting.ProGrad;

/// <summary>
/// ProGrad's hand-crafted prompt per dataset (upstream <c>CUSTOM_TEMPLATES</c> of <c>ProGrad.public/trainers/prograd.py</c>;
/// several differ from CoOp's, e.g. "a type of pet, a photo of a {}."). It is both the zero-shot teacher's prompt and,
/// with CTX_INIT, the initial context.
/// </summary>
public static class ProGradTemplates
{
    /// <summary>The templates, "{}" = class name (case-insensitive keys).</summary>
    public static IReadOnlyDictionary<string, string> Custom { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["OxfordPets"] = "a type of pet, a photo of a {}.",
        ["OxfordFlowers"] = "a type of flower, a photo of a {}.",
        ["FGVCAircraft"] = "a type of aircraft, a photo of a {}.",
        ["DescribableTextures"] = "a texture of {}.",
        ["EuroSAT"] = "a centered satellite photo of {}.",
        ["StanfordCars"] = "a photo of a {}.",
        ["Food101"] = "a type of food, a photo of {}.",
        ["SUN397"] = "a photo of a {}.",
        ["Caltech101"] = "a photo of a {}.",
        ["UCF101"] = "a photo of a person doing {}.",
        ["ImageNet"] = "a photo of a {}.",
        ["ImageNetSketch"] = "a photo of a {}.",
        ["ImageNetV2"] = "a photo of a {}.",
        ["ImageNetA"] = "a photo of a {}.",
        ["ImageNetR"] = "a photo of a {}.",
    };

    /// <summary>The template of <paramref name="dataset"/>.</summary>
    /// <exception cref="ArgumentException">Unknown dataset; the message lists the known ones.</exception>
    public static string For(string dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        return Custom.TryGetValue(dataset, out var t)
            ? t
            : throw new ArgumentException($"No ProGrad template for dataset '{dataset}'. Known: {string.Join(", ", Custom.Keys)}.", nameof(dataset));
    }
}
