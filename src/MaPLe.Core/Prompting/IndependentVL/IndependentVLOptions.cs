using MaPLe.Clip;
using MaPLe.Prompting.Components;
using MaPLe.Tokenization;

namespace MaPLe.Prompting.IndependentVL;

/// <summary>
/// Options of independent vision-language prompting (IVLP, upstream <c>trainers/independentVL.py</c>): deep prompts
/// learned separately in each tower, with no coupling. Defaults: the paper's 2+2 tokens at depth 12 in both towers.
/// </summary>
public sealed record IndependentVLOptions : PromptMethodOptions
{
    /// <summary>Learned text tokens per layer (N_CTX_TEXT, default 2).</summary>
    public int TextPromptLength { get; init; } = 2;

    /// <summary>Learned vision tokens per layer (N_CTX_VISION, default 2); unused when <see cref="VisionDepth"/> is 0.</summary>
    public int VisionPromptLength { get; init; } = 2;

    /// <summary>Former name of <see cref="TextPromptLength"/> (still read from prompt files and configuration).</summary>
    [Obsolete("Renamed to TextPromptLength (N_CTX_TEXT), so it is not confused with the text context length.")]
    public int TextContextLength { get => TextPromptLength; init => TextPromptLength = value; }

    /// <summary>Former name of <see cref="VisionPromptLength"/> (still read from prompt files and configuration).</summary>
    [Obsolete("Renamed to VisionPromptLength (N_CTX_VISION).")]
    public int VisionContextLength { get => VisionPromptLength; init => VisionPromptLength = value; }

    /// <summary>
    /// Initialisation text (CTX_INIT, default "a photo of a"). When non-empty and <see cref="TextPromptLength"/> ≤ 4, the
    /// text context starts as the embeddings of its first tokens and the class prompt is the whole text + class name;
    /// otherwise the context is random N(0, 0.02) and the prompt is "X X ... {class}.".
    /// </summary>
    public string ContextInit { get; init; } = "a photo of a";

    /// <summary>Text prompt depth (PROMPT_DEPTH_TEXT, ≥ 1): blocks 1..depth−1 get their own tokens.</summary>
    public int TextDepth { get; init; } = 12;

    /// <summary>Vision prompt depth (PROMPT_DEPTH_VISION): 0 switches the vision prompts off (deep language prompting).</summary>
    public int VisionDepth { get; init; } = 12;

    /// <inheritdoc />
    public override string Method => "ivlp";

    /// <summary>Whether the text context is initialised from <see cref="ContextInit"/> (upstream: non-empty and n_ctx ≤ 4).</summary>
    public bool UsesInitText => Shape.UsesInitText;

    /// <summary>The text before the class name in class prompts.</summary>
    public string ClassPromptPrefix => Shape.ClassPromptPrefix;

    internal TowerPromptShape Shape => new(TextPromptLength, ContextInit, TextDepth, VisionPromptLength, VisionDepth);

    /// <inheritdoc />
    public override IEnumerable<string> ClassPromptTexts(string className) => [PromptText.ClassPrompt(ClassPromptPrefix, className)];

    /// <inheritdoc />
    public override IPromptLearner CreateLearner(IClipBackbone backbone, IClipTokenizer tokenizer, IReadOnlyList<string> classNames) =>
        new IndependentVLPromptLearner(backbone, tokenizer, classNames, this);

    /// <inheritdoc />
    public override IEnumerable<string> Validate(ClipConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return Shape.Problems(config, nameof(TextPromptLength), nameof(TextDepth), nameof(VisionPromptLength), nameof(VisionDepth));
    }
}
