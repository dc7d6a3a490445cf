using MaPLe.Clip;
using MaPLe.Prompting.Components;
using MaPLe.Tokenization;

namespace MaPLe.Prompting.CoCoOp;

/// <summary>
/// Options of CoCoOp (conditional context optimization, Zhou et al. CVPR 2022; upstream <c>trainers/cocoop.py</c>).
/// Defaults: the paper config — 4 context tokens initialised from "a photo of a".
/// </summary>
public sealed record CoCoOpOptions : PromptMethodOptions
{
    /// <summary>Learned context tokens when <see cref="ContextInit"/> is empty (N_CTX, default 4); not the text tower's 77-token context length.</summary>
    public int PromptLength { get; init; } = 4;

    /// <summary>Former name of <see cref="PromptLength"/> (still read from prompt files and configuration).</summary>
    [Obsolete("Renamed to PromptLength (N_CTX), so it is not confused with the text context length.")]
    public int ContextLength { get => PromptLength; init => PromptLength = value; }

    /// <summary>
    /// Initialisation text (CTX_INIT, default "a photo of a"). When non-empty it decides the context length (one token per
    /// space-separated word, as upstream) and the context starts as its embeddings; empty: random N(0, 0.02) context and
    /// the prompt "X X ... {class}.".
    /// </summary>
    public string ContextInit { get; init; } = "a photo of a";

    /// <inheritdoc />
    public override string Method => "cocoop";

    /// <summary>Whether the context is initialised from <see cref="ContextInit"/> (upstream: any non-empty text).</summary>
    public bool UsesInitText => ContextInit.Length > 0;

    /// <summary>The upstream init text: underscores become spaces.</summary>
    internal string InitText => ContextInit.Replace('_', ' ');

    /// <summary>The number of learned context tokens in effect (the init text's word count when it is used).</summary>
    public int EffectivePromptLength => UsesInitText ? LearnedContext.InitWordCount(ContextInit) : PromptLength;

    /// <summary>Former name of <see cref="EffectivePromptLength"/>.</summary>
    [Obsolete("Renamed to EffectivePromptLength.")]
    public int EffectiveContextLength => EffectivePromptLength;

    /// <summary>The text before the class name in the tokenized class prompts.</summary>
    public string ClassPromptPrefix => UsesInitText ? InitText : PromptText.Placeholder(PromptLength);

    /// <summary>Hidden width of the meta-net for a joint embedding of <paramref name="embedDim"/> (upstream: embed / 16).</summary>
    public static int MetaNetHiddenWidth(int embedDim) => embedDim / 16;

    /// <inheritdoc />
    public override IEnumerable<string> ClassPromptTexts(string className) => [PromptText.ClassPrompt(ClassPromptPrefix, className)];

    /// <inheritdoc />
    public override IPromptLearner CreateLearner(IClipBackbone backbone, IClipTokenizer tokenizer, IReadOnlyList<string> classNames) =>
        new ConditionalPromptLearner(backbone, tokenizer, classNames, this);

    /// <inheritdoc />
    public override IEnumerable<string> Validate(ClipConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        foreach (var problem in LearnedContext.LengthProblems(EffectivePromptLength, UsesInitText ? nameof(ContextInit) : nameof(PromptLength), config))
            yield return problem;
        if (MetaNetHiddenWidth(config.EmbedDim) < 1)
            yield return $"The backbone's embedding width {config.EmbedDim} is below 16: CoCoOp's meta-net (embed → embed/16 → text width) needs at least 16.";
    }
}
