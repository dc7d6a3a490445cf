using MaPLe.Prompting.Components;
using MaPLe.Clip;
using MaPLe.Tokenization;

namespace MaPLe.Prompting.ProGrad;

/// <summary>
/// Options of ProGrad (prompt-aligned gradient, Zhu et al. ICCV 2023; upstream <c>ProGrad.public/trainers/prograd.py</c> and
/// Dassl.ProGrad's <c>prograd_backward_and_update</c>): CoOp whose cross-entropy gradient is projected wherever it conflicts
/// with the gradient of a KL toward the zero-shot CLIP's prediction. Defaults: the official base-to-novel run
/// (<c>scripts/base2new_train_prograd.sh</c>: N_CTX 16, CSC False, end, LOSS.LAMBDA 1.0, the config's CTX_INIT True and T 1.0).
/// </summary>
public sealed record ProGradOptions : PromptMethodOptions
{
    /// <summary>Learned context tokens (N_CTX, default 16); with <see cref="ContextInit"/> it must be ≥ the template's words.</summary>
    public int PromptLength { get; init; } = 16;

    /// <summary>
    /// CTX_INIT (default true): the context is zeros except its last k rows, the embeddings of the first k tokens of the
    /// template without " {}." (k = its space-separated words), and the prompt is "X … X {words} {class}."; CSC is then
    /// ignored. False: random N(0, 0.02) context and "X X ... {class}.".
    /// </summary>
    public bool ContextInit { get; init; } = true;

    /// <summary>Class-specific context (CSC, default false): one context per class; only with random initialisation.</summary>
    public bool ClassSpecific { get; init; }

    /// <summary>
    /// Where the class name goes (CLASS_TOKEN_POSITION, default end). Upstream supports end and front ("middle" raises
    /// there); middle is computed as CoOp computes it.
    /// </summary>
    public ClassTokenPosition ClassTokenPosition { get; init; } = ClassTokenPosition.End;

    /// <summary>Strength λ of the projection (LOSS.LAMBDA, default 1.0: the conflicting component is removed entirely).</summary>
    public double Lambda { get; init; } = 1.0;

    /// <summary>Distillation temperature T of the KL term (LOSS.T, default 1.0).</summary>
    public double T { get; init; } = 1.0;

    /// <summary>Dataset whose hand-crafted template the teacher (and CTX_INIT) uses (DATASET.NAME, a key of <see cref="ProGradTemplates.Custom"/>).</summary>
    public string DatasetName { get; init; } = "ImageNet";

    /// <summary>The template ("{}" = class name; must end with " {}." for CTX_INIT); null takes the one of <see cref="DatasetName"/>.</summary>
    public string? Template { get; init; }

    /// <inheritdoc />
    public override string Method => "prograd";

    /// <summary>The template in effect.</summary>
    public string EffectiveTemplate => Template ?? ProGradTemplates.For(DatasetName);

    /// <summary>The initialisation words: the template without " {}.", underscores as spaces (upstream :78-80).</summary>
    public string InitWords => EffectiveTemplate.Replace(" {}.", "", StringComparison.Ordinal).Replace('_', ' ');

    /// <summary>k: the initialisation words counted as Python's <c>len(s.split(" "))</c>.</summary>
    public int InitWordCount => InitWords.Split(' ').Length;

    /// <summary>Whether the context is one per class (CSC with random initialisation).</summary>
    public bool UsesClassSpecificContext => ClassSpecific && !ContextInit;

    /// <summary>The text before the class name in the learned class prompts.</summary>
    public string ClassPromptPrefix => ContextInit
        ? $"{PromptText.Placeholder(PromptLength - InitWordCount)} {InitWords}".TrimStart()
        : PromptText.Placeholder(PromptLength);

    /// <inheritdoc />
    public override IEnumerable<string> ClassPromptTexts(string className) =>
        [PromptText.ClassPrompt(ClassPromptPrefix, className), PromptText.FormatTemplate(EffectiveTemplate, className)];

    /// <inheritdoc />
    public override IPromptLearner CreateLearner(IClipBackbone backbone, IClipTokenizer tokenizer, IReadOnlyList<string> classNames) =>
        new ProGradPromptLearner(backbone, tokenizer, classNames, this);

    /// <inheritdoc />
    public override IEnumerable<string> Validate(ClipConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        foreach (var problem in LearnedContext.LengthProblems(PromptLength, $"{nameof(PromptLength)} (N_CTX)", config))
            yield return problem;
        if (!Enum.IsDefined(ClassTokenPosition))
            yield return $"{nameof(ClassTokenPosition)} {(int)ClassTokenPosition} is not End, Middle or Front.";
        if (!(Lambda >= 0) || !double.IsFinite(Lambda))
            yield return $"{nameof(Lambda)} (LOSS.LAMBDA) must be finite and ≥ 0 (got {Lambda}).";
        if (!(T > 0) || !double.IsFinite(T))
            yield return $"{nameof(T)} (LOSS.T) must be finite and > 0 (got {T}).";
        if (Template is { } t && !t.Contains("{}", StringComparison.Ordinal))
            yield return $"{nameof(Template)} '{t}' has no '{{}}' where the class name goes.";
        else if (Template is null && !ProGradTemplates.Custom.ContainsKey(DatasetName ?? ""))
            yield return $"{nameof(DatasetName)} '{DatasetName}' has no ProGrad template; known: {string.Join(", ", ProGradTemplates.Custom.Keys)} (or set {nameof(Template)}).";
        else if (ContextInit && PromptLength >= 1 && PromptLength < InitWordCount)
            yield return $"{nameof(PromptLength)} {PromptLength} is smaller than the {InitWordCount} words of the initialisation '{InitWords}': raise it or set {nameof(ContextInit)} = false.";
    }
}
