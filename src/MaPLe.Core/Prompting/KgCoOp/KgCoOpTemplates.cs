namespace MaPLe.Prompting.KgCoOp;

/// <summary>KgCoOp's hand-crafted prompt per dataset (upstream <c>CUSTOM_TEMPLATES</c> of <c>kgcoop.py</c>), keyed by Dassl's names.</summary>
public static class KgCoOpTemplates
{
    /// <summary>The templates, "{}" = class name (case-insensitive keys).</summary>
    public static IReadOnlyDictionary<string, string> Custom { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["OxfordPets"] = "a photo of a {}, a type of pet.",
        ["OxfordFlowers"] = "a photo of a {}, a type of flower.",
        ["FGVCAircraft"] = "a photo of a {}, a type of aircraft.",
        ["DescribableTextures"] = "a photo of a {}, a type of texture.",
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

    /// <summary>The template of <paramref name="dataset"/>.</summary>
    /// <exception cref="ArgumentException">Unknown dataset; the message lists the known ones.</exception>
    public static string For(string dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        return Custom.TryGetValue(dataset, out var t)
            ? t
            : throw new ArgumentException($"No KgCoOp template for dataset '{dataset}'. Known: {string.Join(", ", Custom.Keys)}.", nameof(dataset));
    }
}
