using MaPLe.Clip;
using MaPLe.Prompting.Components;
using MaPLe.Tokenization;

namespace MaPLe.Prompting.DeepLanguage;

/// <summary>
/// Options of deep language prompting: IVLP with the vision prompts off (upstream IVLP trainer with
/// <c>vit_b16_c2_ep5_batch4_4ctx_language_only.yaml</c>). Defaults: 4 tokens initialised from "a photo of a", depth 12.
/// </summary>
public sealed record DeepLanguageOptions : PromptMethodOptions
{
    /// <summary>Learned text tokens per layer (N_CTX_TEXT, default 4) — not the text tower's 77-token context length.</summary>
    public int PromptLength { get; init; } = 4;

    /// <summary>Former name of <see cref="PromptLength"/> (still read from prompt files and configuration).</summary>
    [Obsolete("Renamed to PromptLength (N_CTX_TEXT), so it is not confused with the text context length.")]
    public int ContextLength { get => PromptLength; init => PromptLength = value; }

    /// <summary>
    /// Initialisation text (CTX_INIT, default "a photo of a"): used when non-empty and <see cref="PromptLength"/> ≤ 4, as
    /// in IVLP; otherwise the context is random and the prompt "X X ... {class}.".
    /// </summary>
    public string ContextInit { get; init; } = "a photo of a";

    /// <summary>Text prompt depth (PROMPT_DEPTH_TEXT, 1..text layers, default 12).</summary>
    public int PromptDepth { get; init; } = 12;

    /// <inheritdoc />
    public override string Method => "language_deep";

    internal TowerPromptShape Shape => new(PromptLength, ContextInit, PromptDepth, VisionPromptLength: 0, VisionDepth: 0);

    /// <inheritdoc />
    public override IEnumerable<string> ClassPromptTexts(string className) => [PromptText.ClassPrompt(Shape.ClassPromptPrefix, className)];

    /// <inheritdoc />
    public override IPromptLearner CreateLearner(IClipBackbone backbone, IClipTokenizer tokenizer, IReadOnlyList<string> classNames) =>
        new DeepLanguagePromptLearner(backbone, tokenizer, classNames, this);

    /// <inheritdoc />
    public override IEnumerable<string> Validate(ClipConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return Shape.Problems(config, nameof(PromptLength), nameof(PromptDepth), "vision tokens", "vision depth");
    }
}
