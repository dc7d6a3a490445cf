using MaPLe.Clip;
using MaPLe.Tokenization;
using static TorchSharp.torch;

namespace MaPLe.Prompting.Components;

/// <summary>
/// Features of the frozen CLIP without prompts — the "teacher" the regularised methods (PromptSRC, KgCoOp, ProGrad) pull
/// their prompted features toward. Computed under no-grad and detached, so no gradient ever reaches the frozen side.
/// </summary>
public static class FrozenClipFeatures
{
    /// <summary>
    /// Normalized class text features <c>[C, d]</c> of a template ensemble: for each template the unnormalized features of
    /// "template with {} = class", their mean over the templates, normalized (PromptSRC's <c>fixed_embeddings</c>). With one
    /// template this is that template's normalized features (KgCoOp's and ProGrad's hand-crafted prompt).
    /// </summary>
    /// <exception cref="ArgumentException">No template, no class, or a template without "{}".</exception>
    public static Tensor TextFeatures(IClipBackbone backbone, IClipTokenizer tokenizer, IReadOnlyList<string> templates, IReadOnlyList<string> classNames)
    {
        ArgumentNullException.ThrowIfNull(backbone);
        ArgumentNullException.ThrowIfNull(tokenizer);
        ArgumentNullException.ThrowIfNull(templates);
        ArgumentNullException.ThrowIfNull(classNames);
        if (templates.Count == 0)
            throw new ArgumentException("At least one template is needed for the frozen text features.", nameof(templates));
        if (templates.FirstOrDefault(t => !t.Contains("{}", StringComparison.Ordinal)) is { } bad)
            throw new ArgumentException($"Template '{bad}' has no '{{}}' where the class name goes.", nameof(templates));
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        Tensor? sum = null;
        foreach (var template in templates)
        {
            using var prompts = ClassPromptEmbeddings.Create(backbone, tokenizer, classNames.Select(c => PromptText.FormatTemplate(template, c)).ToList());
            var f = backbone.EncodeText(prompts.Embeddings, prompts.EotIndices);
            sum = sum is null ? f : sum + f;
        }
        var mean = templates.Count == 1 ? sum! : sum! / templates.Count;
        return nn.functional.normalize(mean, dim: -1).detach().MoveToOuterDisposeScope();
    }

    /// <summary>Normalized image features <c>[B, d]</c> of the frozen CLIP (no prompts).</summary>
    public static Tensor ImageFeatures(IClipBackbone backbone, Tensor images)
    {
        ArgumentNullException.ThrowIfNull(backbone);
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        return nn.functional.normalize(backbone.EncodeImage(images), dim: -1).detach().MoveToOuterDisposeScope();
    }
}
