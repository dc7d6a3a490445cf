using MaPLe.Clip;
using MaPLe.Prompting.Components;
using MaPLe.Tokenization;

namespace MaPLe.Prompting.CoOp;

/// <summary>
/// Options of CoOp (context optimization, Zhou et al. IJCV 2022; upstream <c>trainers/coop.py</c>): learned text context
/// only. Defaults: 4 context tokens initialised from "a photo of a", shared by all classes, class name at the end.
/// </summary>
public sealed record CoOpOptions : PromptMethodOptions
{
    /// <summary>Learned context tokens when <see cref="ContextInit"/> is empty (N_CTX, default 4; upstream's CoOp configs use 16); not the text tower's 77-token context length.</summary>
    public int PromptLength { get; init; } = 4;

    /// <summary>Former name of <see cref="PromptLength"/> (still read from prompt files and configuration).</summary>
    [Obsolete("Renamed to PromptLength (N_CTX), so it is not confused with the text context length.")]
    public int ContextLength { get => PromptLength; init => PromptLength = value; }

    /// <summary>
    /// Initialisation text (CTX_INIT, default "a photo of a"). When non-empty it decides the context length — one token per
    /// space-separated word, as upstream's <c>len(ctx_init.split(" "))</c> — and the context starts as the embeddings of
    /// its first tokens; <see cref="PromptLength"/> and <see cref="ClassSpecific"/> are then ignored (as upstream). Empty:
    /// random N(0, 0.02) context and the prompt "X X ... {class}.".
    /// </summary>
    public string ContextInit { get; init; } = "a photo of a";

    /// <summary>Class-specific context (CSC): one context per class, <c>[C, n, d]</c>; only with random initialisation.</summary>
    public bool ClassSpecific { get; init; }

    /// <summary>Where the class name goes (CLASS_TOKEN_POSITION, default <see cref="ClassTokenPosition.End"/>).</summary>
    public ClassTokenPosition ClassTokenPosition { get; init; } = ClassTokenPosition.End;

    /// <inheritdoc />
    public override string Method => "coop";

    /// <summary>Whether the context is initialised from <see cref="ContextInit"/> (upstream: any non-empty text).</summary>
    public bool UsesInitText => ContextInit.Length > 0;

    /// <summary>The upstream init text: underscores become spaces.</summary>
    internal string InitText => ContextInit.Replace('_', ' ');

    /// <summary>The number of learned context tokens in effect (the init text's word count when it is used).</summary>
    public int EffectivePromptLength => UsesInitText ? LearnedContext.InitWordCount(ContextInit) : PromptLength;

    /// <summary>Former name of <see cref="EffectivePromptLength"/>.</summary>
    [Obsolete("Renamed to EffectivePromptLength.")]
    public int EffectiveContextLength => EffectivePromptLength;

    /// <summary>Whether the context is one per class (CSC with random initialisation).</summary>
    public bool UsesClassSpecificContext => ClassSpecific && !UsesInitText;

    /// <summary>The text before the class name in the tokenized class prompts.</summary>
    public string ClassPromptPrefix => UsesInitText ? InitText : PromptText.Placeholder(PromptLength);

    /// <inheritdoc />
    public override IEnumerable<string> ClassPromptTexts(string className) => [PromptText.ClassPrompt(ClassPromptPrefix, className)];

    /// <inheritdoc />
    public override IPromptLearner CreateLearner(IClipBackbone backbone, IClipTokenizer tokenizer, IReadOnlyList<string> classNames) =>
        new CoOpPromptLearner(backbone, tokenizer, classNames, this);

    /// <inheritdoc />
    public override IEnumerable<string> Validate(ClipConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        foreach (var problem in LearnedContext.LengthProblems(EffectivePromptLength, UsesInitText ? nameof(ContextInit) : nameof(PromptLength), config))
            yield return problem;
        if (!Enum.IsDefined(ClassTokenPosition))
            yield return $"{nameof(ClassTokenPosition)} {(int)ClassTokenPosition} is not End, Middle or Front.";
    }
}
