using MaPLe.Prompting.Components;

namespace MaPLe.Prompting.ProGrad;

/// <summary>
/// ProGrad's hand-crafted prompt per dataset (upstream <c>CUSTOM_TEMPLATES</c> of <c>ProGrad.public/trainers/prograd.py</c>):
/// CoOp's table with the "a type of …" phrase moved first for pets, flowers, aircraft and food, and "a texture of {}." for
/// DTD. It is both the zero-shot teacher's prompt and, with CTX_INIT, the initial context.
/// </summary>
public static class ProGradTemplates
{
    /// <summary>The templates, "{}" = class name (case-insensitive keys).</summary>
    public static IReadOnlyDictionary<string, string> Custom { get; } = DatasetTemplates.With(DatasetTemplates.CoOp,
    [
        new("OxfordPets", "a type of pet, a photo of a {}."),
        new("OxfordFlowers", "a type of flower, a photo of a {}."),
        new("FGVCAircraft", "a type of aircraft, a photo of a {}."),
        new("DescribableTextures", "a texture of {}."),
        new("Food101", "a type of food, a photo of {}."),
    ]);

    /// <summary>The template of <paramref name="dataset"/>.</summary>
    /// <exception cref="ArgumentException">Unknown dataset; the message lists the known ones.</exception>
    public static string For(string dataset) => DatasetTemplates.Lookup(Custom, dataset, "ProGrad");
}
