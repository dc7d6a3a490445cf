using MaPLe.Prompting.Components;

namespace MaPLe.Prompting.KgCoOp;

/// <summary>
/// KgCoOp's hand-crafted prompt per dataset (upstream <c>CUSTOM_TEMPLATES</c> of <c>kgcoop.py</c>): CoOp's table with
/// "a photo of a {}, a type of texture." for DescribableTextures.
/// </summary>
public static class KgCoOpTemplates
{
    /// <summary>The templates, "{}" = class name (case-insensitive keys).</summary>
    public static IReadOnlyDictionary<string, string> Custom { get; } =
        DatasetTemplates.With(DatasetTemplates.CoOp, [new("DescribableTextures", "a photo of a {}, a type of texture.")]);

    /// <summary>The template of <paramref name="dataset"/>.</summary>
    /// <exception cref="ArgumentException">Unknown dataset; the message lists the known ones.</exception>
    public static string For(string dataset) => DatasetTemplates.Lookup(Custom, dataset, "KgCoOp");
}
