using MaPLe.Prompting.Components;
using MaPLe.Clip;
using MaPLe.Tokenization;

namespace MaPLe.Prompting.KgCoOp;

/// <summary>
/// Options of KgCoOp (knowledge-guided context optimization, Yao et al. CVPR 2023; upstream <c>KgCoOp/trainers/kgcoop.py</c>):
/// CoOp's learned context, class name at the end, plus a term pulling the learned class text features toward the frozen
/// CLIP's features of a hand-crafted prompt. Defaults: the official base-to-novel run (<c>scripts/base2new_train.sh</c>:
/// N_CTX 4, CSC False, W 8.0, the config's CTX_INIT True).
/// </summary>
public sealed record KgCoOpOptions : PromptMethodOptions
{
    /// <summary>The words that initialise the context when <see cref="ContextInit"/> is set (hard-coded upstream, :96).</summary>
    public const string InitWords = "a photo of a";

    /// <summary>Learned context tokens with random initialisation (N_CTX, default 4); ignored when <see cref="ContextInit"/> is true.</summary>
    public int PromptLength { get; init; } = 4;

    /// <summary>
    /// CTX_INIT (default true): the context is ALWAYS the 4 tokens of "a photo of a" (upstream ignores N_CTX and CSC then);
    /// false: <see cref="PromptLength"/> random N(0, 0.02) tokens and the prompt "X X ... {class}.".
    /// </summary>
    public bool ContextInit { get; init; } = true;

    /// <summary>Class-specific context (CSC, default false): one context per class; only with random initialisation.</summary>
    public bool ClassSpecific { get; init; }

    /// <summary>Weight of the knowledge-guided term (W; the official scripts pass 8.0, train.py's default is 1.0).</summary>
    public double W { get; init; } = 8.0;

    /// <summary>Dataset whose hand-crafted template the frozen teacher uses (DATASET.NAME, a key of <see cref="KgCoOpTemplates.Custom"/>).</summary>
    public string DatasetName { get; init; } = "ImageNet";

    /// <summary>The teacher's template ("{}" = class name); null takes the template of <see cref="DatasetName"/>.</summary>
    public string? Template { get; init; }

    /// <inheritdoc />
    public override string Method => "kgcoop";

    /// <summary>The learned context tokens in effect (4 with <see cref="ContextInit"/>).</summary>
    public int EffectivePromptLength => ContextInit ? PromptText.WordCount(InitWords) : PromptLength;

    /// <summary>Whether the context is one per class (CSC with random initialisation).</summary>
    public bool UsesClassSpecificContext => ClassSpecific && !ContextInit;

    /// <summary>The text before the class name in the learned class prompts.</summary>
    public string ClassPromptPrefix => ContextInit ? InitWords : PromptText.Placeholder(PromptLength);

    /// <summary>The teacher's template in effect.</summary>
    public string EffectiveTemplate => Template ?? KgCoOpTemplates.For(DatasetName);

    /// <inheritdoc />
    public override IEnumerable<string> ClassPromptTexts(string className) =>
        [PromptText.ClassPrompt(ClassPromptPrefix, className), PromptText.FormatTemplate(EffectiveTemplate, className)];

    /// <inheritdoc />
    public override IPromptLearner CreateLearner(IClipBackbone backbone, IClipTokenizer tokenizer, IReadOnlyList<string> classNames) =>
        new KgCoOpPromptLearner(backbone, tokenizer, classNames, this);

    /// <inheritdoc />
    public override IEnumerable<string> Validate(ClipConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        foreach (var problem in LearnedContext.LengthProblems(EffectivePromptLength, $"{nameof(PromptLength)} (N_CTX)", config))
            yield return problem;
        if (!(W >= 0) || !double.IsFinite(W))
            yield return $"{nameof(W)} must be finite and ≥ 0 (got {W}).";
        if (Template is { } t && !t.Contains("{}", StringComparison.Ordinal))
            yield return $"{nameof(Template)} '{t}' has no '{{}}' where the class name goes.";
        if (Template is null && !KgCoOpTemplates.Custom.ContainsKey(DatasetName ?? ""))
            yield return $"{nameof(DatasetName)} '{DatasetName}' has no KgCoOp template; known: {string.Join(", ", KgCoOpTemplates.Custom.Keys)} (or set {nameof(Template)}).";
    }
}
