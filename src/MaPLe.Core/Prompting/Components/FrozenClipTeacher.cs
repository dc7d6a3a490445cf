using MaPLe.Clip;
using MaPLe.Tokenization;
using static TorchSharp.torch;

namespace MaPLe.Prompting.Components;

/// <summary>What the frozen CLIP says about a batch: zero-shot logits and the normalized features they come from.</summary>
/// <param name="Logits"><c>[B, C]</c> = logit scale · frozen image features · frozen text featuresᵀ.</param>
/// <param name="ImageFeatures">Normalized frozen image features <c>[B, d]</c>.</param>
/// <param name="TextFeatures">Normalized frozen class text features <c>[C, d]</c> (shared, owned by the teacher: do not dispose).</param>
public sealed record FrozenTeacherOutput(Tensor Logits, Tensor ImageFeatures, Tensor TextFeatures);

/// <summary>A learner regularised toward the frozen CLIP exposes its teacher (tests, diagnostics, distillation).</summary>
public interface IFrozenTeacher
{
    /// <summary>The zero-shot CLIP of the current class set.</summary>
    FrozenClipTeacher Teacher { get; }
}

/// <summary>
/// Zero-shot CLIP over a class set with fixed templates: the frozen text features are computed once per class set (in
/// <see cref="SetClassNames"/>), the frozen image features per batch. Nothing it returns carries a gradient.
/// </summary>
public sealed class FrozenClipTeacher : IDisposable
{
    private readonly IClipBackbone _backbone;
    private readonly IClipTokenizer _tokenizer;
    private Tensor? _textFeatures;

    /// <summary>A teacher prompting with <paramref name="templates"/> ("{}" = class name); call <see cref="SetClassNames"/> before use.</summary>
    public FrozenClipTeacher(IClipBackbone backbone, IClipTokenizer tokenizer, IReadOnlyList<string> templates)
    {
        _backbone = backbone ?? throw new ArgumentNullException(nameof(backbone));
        _tokenizer = tokenizer ?? throw new ArgumentNullException(nameof(tokenizer));
        ArgumentNullException.ThrowIfNull(templates);
        if (templates.Count == 0)
            throw new ArgumentException("A frozen teacher needs at least one template.", nameof(templates));
        Templates = templates.ToList();
    }

    /// <summary>The templates whose features are averaged.</summary>
    public IReadOnlyList<string> Templates { get; }

    /// <summary>Normalized frozen class text features <c>[C, d]</c> of the current class set.</summary>
    public Tensor TextFeatures => _textFeatures ?? throw new InvalidOperationException("The frozen teacher has no class set: call SetClassNames first.");

    /// <summary>Computes the frozen text features of <paramref name="classNames"/>, replacing the previous set's.</summary>
    public void SetClassNames(IReadOnlyList<string> classNames)
    {
        var next = FrozenClipFeatures.TextFeatures(_backbone, _tokenizer, Templates, classNames).DetachFromDisposeScope();
        _textFeatures?.Dispose();
        _textFeatures = next;
    }

    /// <summary>Frozen image features and zero-shot logits of <paramref name="images"/>, with the backbone's logit scale.</summary>
    public FrozenTeacherOutput Forward(Tensor images)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var text = TextFeatures;
        var image = FrozenClipFeatures.ImageFeatures(_backbone, images);
        var logits = _backbone.LogitScale * image.matmul(text.t());
        return new FrozenTeacherOutput(logits.MoveToOuterDisposeScope(), image.MoveToOuterDisposeScope(), text);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _textFeatures?.Dispose();
        _textFeatures = null;
    }
}
