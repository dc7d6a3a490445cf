using MaPLe.Clip;
using MaPLe.Prompting.Components;

namespace MaPLe.Prompting.MaPLe;

/// <summary>Options of MaPLe (multi-modal prompt learning, Khattak et al. CVPR 2023). Defaults: the base-to-novel config.</summary>
public sealed record MaPLeOptions : PromptMethodOptions
{
    /// <summary>Learned prompt tokens per layer (N_CTX, default 2) — not the text tower's 77-token context length.</summary>
    public int PromptLength { get; init; } = 2;

    /// <summary>Former name of <see cref="PromptLength"/> (still read from prompt files and configuration).</summary>
    [Obsolete("Renamed to PromptLength (N_CTX), so it is not confused with the text context length.")]
    public int ContextLength { get => PromptLength; init => PromptLength = value; }

    /// <summary>
    /// Initialisation text (CTX_INIT, default "a photo of a"). When non-empty and <see cref="PromptLength"/> ≤ 4, the
    /// context starts as the embeddings of its first tokens and the class prompt is the whole text + class name; otherwise
    /// the context is random N(0, 0.02) and the prompt is "X X ... {class}.".
    /// </summary>
    public string ContextInit { get; init; } = "a photo of a";

    /// <summary>Prompt depth J (1 = shallow MaPLe; 9 for base-to-novel, 3 for cross-dataset).</summary>
    public int PromptDepth { get; init; } = 9;

    /// <summary>MaPLe†: one coupling function shared by every layer instead of one per layer (about 9× fewer parameters).</summary>
    public bool SharedCoupling { get; init; }

    /// <inheritdoc />
    public override string Method => "maple";

    /// <summary>Whether the context is initialised from <see cref="ContextInit"/> (upstream: non-empty and n_ctx ≤ 4).</summary>
    public bool UsesInitText => LearnedContext.UsesInitText(ContextInit, PromptLength);

    /// <summary>The text before the class name in class prompts.</summary>
    public string ClassPromptPrefix => LearnedContext.ClassPromptPrefix(ContextInit, PromptLength);

    /// <inheritdoc />
    public override IEnumerable<string> ClassPromptTexts(string className) => [PromptText.ClassPrompt(ClassPromptPrefix, className)];

    /// <inheritdoc />
    public override IPromptLearner CreateLearner(IClipBackbone backbone, Tokenization.IClipTokenizer tokenizer, IReadOnlyList<string> classNames) =>
        new MultiModalPromptLearner(backbone, tokenizer, classNames, this);

    /// <inheritdoc />
    public override IEnumerable<string> Validate(ClipConfig config)
    {
        foreach (var problem in LearnedContext.LengthProblems(PromptLength, nameof(PromptLength), config))
            yield return problem;
        int maxDepth = Math.Min(config.Text.Layers, config.Vision.Layers);
        if (PromptDepth < 1 || PromptDepth > maxDepth)
            yield return $"{nameof(PromptDepth)} must be between 1 and {maxDepth} (the backbone's layers), got {PromptDepth}.";
    }
}
