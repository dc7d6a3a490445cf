namespace MaPLe.Prompting.Components;

/// <summary>
/// Hand-written class prompts per dataset, keyed by Dassl's dataset names (case-insensitive), "{}" = class name. CoOp's
/// <c>CUSTOM_TEMPLATES</c> is the common table; methods that changed a few entries derive theirs with <see cref="With"/>.
/// </summary>
public static class DatasetTemplates
{
    /// <summary>CoOp's <c>CUSTOM_TEMPLATES</c> (also zero-shot CLIP's in CoOp and MaPLe).</summary>
    public static IReadOnlyDictionary<string, string> CoOp { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
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

    /// <summary>A copy of <paramref name="table"/> with <paramref name="changes"/> replacing (or adding) entries.</summary>
    public static IReadOnlyDictionary<string, string> With(IReadOnlyDictionary<string, string> table, IEnumerable<KeyValuePair<string, string>> changes)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(changes);
        var copy = new Dictionary<string, string>(table, StringComparer.OrdinalIgnoreCase);
        foreach (var (dataset, template) in changes)
            copy[dataset] = template;
        return copy;
    }

    /// <summary>The template of <paramref name="dataset"/> in <paramref name="table"/> (<paramref name="owner"/> names it in the error).</summary>
    /// <exception cref="ArgumentException">Unknown dataset; the message lists the known ones.</exception>
    public static string Lookup(IReadOnlyDictionary<string, string> table, string dataset, string owner)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(dataset);
        return table.TryGetValue(dataset, out var t)
            ? t
            : throw new ArgumentException($"No {owner} template for dataset '{dataset}'. Known: {string.Join(", ", table.Keys)}.", nameof(dataset));
    }
}
