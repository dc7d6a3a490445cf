using MaPLe.Clip;
using MaPLe.Tokenization;

namespace MaPLe.Prompting.DeepVision;

/// <summary>
/// Options of deep visual prompt tuning (VPT-deep, upstream <c>trainers/vpt.py</c>): learned tokens in the image tower
/// only; the classes are described by the fixed prompt "a photo of a {class}.". Defaults: the paper's 8 tokens, depth 12.
/// </summary>
public sealed record DeepVisionOptions : PromptMethodOptions
{
    /// <summary>The fixed text before each class name (upstream hard-codes "a photo of a").</summary>
    public const string FixedPromptPrefix = "a photo of a";

    /// <summary>Learned vision tokens per layer (N_CTX_VISION, default 8).</summary>
    public int PromptLength { get; init; } = 8;

    /// <summary>Former name of <see cref="PromptLength"/> (still read from prompt files and configuration).</summary>
    [Obsolete("Renamed to PromptLength (N_CTX_VISION), so it is not confused with the text context length.")]
    public int ContextLength { get => PromptLength; init => PromptLength = value; }

    /// <summary>Vision prompt depth (PROMPT_DEPTH_VISION, 1..vision layers, default 12).</summary>
    public int PromptDepth { get; init; } = 12;

    /// <inheritdoc />
    public override string Method => "vpt";

    /// <inheritdoc />
    public override IEnumerable<string> ClassPromptTexts(string className) => [PromptText.ClassPrompt(FixedPromptPrefix, className)];

    /// <inheritdoc />
    public override IPromptLearner CreateLearner(IClipBackbone backbone, IClipTokenizer tokenizer, IReadOnlyList<string> classNames) =>
        new DeepVisionPromptLearner(backbone, tokenizer, classNames, this);

    /// <inheritdoc />
    public override IEnumerable<string> Validate(ClipConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (PromptLength < 1)
            yield return $"{nameof(PromptLength)} must be at least 1 (got {PromptLength}).";
        if (PromptDepth < 1 || PromptDepth > config.Vision.Layers)
            yield return $"{nameof(PromptDepth)} must be between 1 and {config.Vision.Layers} (the image tower's layers), got {PromptDepth}.";
    }
}
