using MaPLe.Clip;
using MaPLe.Tokenization;

namespace MaPLe.Prompting.CoCoOp;

/// <summary>
/// Options of CoCoOp (conditional context optimization, Zhou et al. CVPR 2022; upstream <c>trainers/cocoop.py</c>).
/// Defaults: the paper config — 4 context tokens initialised from "a photo of a".
/// </summary>
public sealed record CoCoOpOptions : PromptMethodOptions
{
    /// <summary>Learned context tokens when <see cref="ContextInit"/> is empty (N_CTX, default 4).</summary>
    public int ContextLength { get; init; } = 4;

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

    /// <summary>The number of learned context tokens in effect.</summary>
    // Python's str.split(" "): every single space separates, exactly as upstream counts.
    public int EffectiveContextLength => UsesInitText ? InitText.Split(' ').Length : ContextLength;

    /// <summary>The text before the class name in the tokenized class prompts.</summary>
    public string ClassPromptPrefix => UsesInitText ? InitText : PromptText.Placeholder(ContextLength);

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
        int n = EffectiveContextLength;
        if (!UsesInitText && ContextLength < 1)
            yield return $"{nameof(ContextLength)} must be at least 1 (got {ContextLength}), or set {nameof(ContextInit)}.";
        else if (n + 3 > config.Text.ContextLength)
            yield return $"{(UsesInitText ? nameof(ContextInit) : nameof(ContextLength))} gives {n} context tokens, which leaves no room for class tokens in a context of {config.Text.ContextLength}.";
        if (MetaNetHiddenWidth(config.EmbedDim) < 1)
            yield return $"The backbone's embedding width {config.EmbedDim} is below 16: CoCoOp's meta-net (embed → embed/16 → text width) needs at least 16.";
    }
}
