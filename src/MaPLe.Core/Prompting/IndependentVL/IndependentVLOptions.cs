using MaPLe.Clip;
using MaPLe.Tokenization;

namespace MaPLe.Prompting.IndependentVL;

/// <summary>
/// Options of independent vision-language prompting (IVLP, upstream <c>trainers/independentVL.py</c>): deep prompts
/// learned separately in each tower, with no coupling. Defaults: the paper's 2+2 tokens at depth 12 in both towers.
/// </summary>
public sealed record IndependentVLOptions : PromptMethodOptions
{
    /// <summary>Learned text tokens per layer (N_CTX_TEXT, default 2).</summary>
    public int TextContextLength { get; init; } = 2;

    /// <summary>Learned vision tokens per layer (N_CTX_VISION, default 2); unused when <see cref="VisionDepth"/> is 0.</summary>
    public int VisionContextLength { get; init; } = 2;

    /// <summary>
    /// Initialisation text (CTX_INIT, default "a photo of a"). When non-empty and <see cref="TextContextLength"/> ≤ 4, the
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
    public bool UsesInitText => PromptText.CleanInit(ContextInit).Length > 0 && TextContextLength <= 4;

    /// <summary>The text before the class name in class prompts.</summary>
    public string ClassPromptPrefix => UsesInitText ? PromptText.CleanInit(ContextInit) : PromptText.Placeholder(TextContextLength);

    /// <inheritdoc />
    public override IEnumerable<string> ClassPromptTexts(string className) => [PromptText.ClassPrompt(ClassPromptPrefix, className)];

    /// <inheritdoc />
    public override IPromptLearner CreateLearner(IClipBackbone backbone, IClipTokenizer tokenizer, IReadOnlyList<string> classNames) =>
        new IndependentVLPromptLearner(backbone, tokenizer, classNames, this);

    /// <inheritdoc />
    public override IEnumerable<string> Validate(ClipConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return ValidateShape(config, nameof(TextContextLength), nameof(TextDepth), nameof(VisionContextLength), nameof(VisionDepth));
    }

    // Shared with DeepLanguageOptions, which names its own options in the messages.
    internal IEnumerable<string> ValidateShape(ClipConfig config, string textTokens, string textDepth, string visionTokens, string visionDepth)
    {
        if (TextContextLength < 1)
            yield return $"{textTokens} must be at least 1 (got {TextContextLength}).";
        else if (TextContextLength + 3 > config.Text.ContextLength)
            yield return $"{textTokens} {TextContextLength} leaves no room for class tokens in a context of {config.Text.ContextLength}.";
        if (TextDepth < 1 || TextDepth > config.Text.Layers)
            yield return $"{textDepth} must be between 1 and {config.Text.Layers} (the text tower's layers), got {TextDepth}; use the deep vision method (VPT) to prompt only the image tower.";
        if (VisionDepth < 0 || VisionDepth > config.Vision.Layers)
            yield return $"{visionDepth} must be between 0 (no vision prompts) and {config.Vision.Layers} (the image tower's layers), got {VisionDepth}.";
        if (VisionDepth > 0 && VisionContextLength < 1)
            yield return $"{visionTokens} must be at least 1 when {visionDepth} is {VisionDepth} (got {VisionContextLength}).";
    }
}
