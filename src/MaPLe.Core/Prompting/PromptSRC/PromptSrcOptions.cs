using MaPLe.Prompting.Components;
using MaPLe.Clip;
using MaPLe.Tokenization;

namespace MaPLe.Prompting.PromptSRC;

/// <summary>
/// Options of PromptSRC (Khattak et al. ICCV 2023, upstream <c>trainers/promptsrc.py</c>): independent deep text and
/// vision prompts regularised toward the frozen CLIP — L1 agreement of the prompted text and image features with the
/// frozen ones, a KL term between prompted and zero-shot logits — and Gaussian-weighted aggregation of the prompts over
/// the epochs (GPA). Defaults: the base-to-novel config <c>vit_b16_c2_ep20_batch4_4+4ctx</c> (TRAINER.PROMPTSRC.*).
/// </summary>
public sealed record PromptSrcOptions : PromptMethodOptions
{
    /// <summary>Learned text tokens per layer (N_CTX_TEXT, default 4).</summary>
    public int TextPromptLength { get; init; } = 4;

    /// <summary>Learned vision tokens per layer (N_CTX_VISION, default 4).</summary>
    public int VisionPromptLength { get; init; } = 4;

    /// <summary>
    /// Initialisation text (CTX_INIT, default "a photo of a"). Used only when non-empty and <see cref="TextPromptLength"/>
    /// ≤ 4 (as upstream): the text context starts as the embeddings of its first tokens and the class prompt is the whole
    /// text + class name; otherwise random N(0, 0.02) context and "X X ... {class}.".
    /// </summary>
    public string ContextInit { get; init; } = "a photo of a";

    /// <summary>Text prompt depth (PROMPT_DEPTH_TEXT, ≥ 1, default 9): blocks 1..depth−1 get their own tokens.</summary>
    public int TextDepth { get; init; } = 9;

    /// <summary>Vision prompt depth (PROMPT_DEPTH_VISION, ≥ 1, default 9).</summary>
    public int VisionDepth { get; init; } = 9;

    /// <summary>Weight of the L1 distance of prompted to frozen text features (TEXT_LOSS_WEIGHT, default 25).</summary>
    public double TextLossWeight { get; init; } = 25;

    /// <summary>Weight of the L1 distance of prompted to frozen image features (IMAGE_LOSS_WEIGHT, default 10).</summary>
    public double ImageLossWeight { get; init; } = 10;

    /// <summary>Mean of GPA's Gaussian over the epochs 1..N (GPA_MEAN, default 15 for 20 epochs).</summary>
    public double GpaMean { get; init; } = 15;

    /// <summary>Standard deviation of GPA's Gaussian (GPA_STD, default 1).</summary>
    public double GpaStd { get; init; } = 1;

    /// <summary>Templates of the frozen teacher's text features (default: upstream's 60 ImageNet templates).</summary>
    public IReadOnlyList<string> TeacherTemplates { get; init; } = PromptSrcTemplates.ImageNet;

    /// <inheritdoc />
    public override string Method => "promptsrc";

    /// <summary>Value equality, the teacher templates compared element by element (as they come back from a prompt file).</summary>
    public bool Equals(PromptSrcOptions? other) =>
        other is not null && TextPromptLength == other.TextPromptLength && VisionPromptLength == other.VisionPromptLength
        && ContextInit == other.ContextInit && TextDepth == other.TextDepth && VisionDepth == other.VisionDepth
        && TextLossWeight.Equals(other.TextLossWeight) && ImageLossWeight.Equals(other.ImageLossWeight)
        && GpaMean.Equals(other.GpaMean) && GpaStd.Equals(other.GpaStd)
        && (ReferenceEquals(TeacherTemplates, other.TeacherTemplates) || (TeacherTemplates ?? []).SequenceEqual(other.TeacherTemplates ?? []));

    /// <inheritdoc />
    public override int GetHashCode() =>
        HashCode.Combine(HashCode.Combine(TextPromptLength, VisionPromptLength, ContextInit, TextDepth, VisionDepth),
            TextLossWeight, ImageLossWeight, GpaMean, GpaStd, TeacherTemplates?.Count ?? 0);

    /// <summary>Whether the text context is initialised from <see cref="ContextInit"/> (upstream: non-empty and n_ctx ≤ 4).</summary>
    public bool UsesInitText => Shape.UsesInitText;

    /// <summary>The text before the class name in class prompts.</summary>
    public string ClassPromptPrefix => Shape.ClassPromptPrefix;

    // PromptSRC's prompts are IVLP's towers.
    internal TowerPromptShape Shape => new(TextPromptLength, ContextInit, TextDepth, VisionPromptLength, VisionDepth);

    /// <inheritdoc />
    public override IEnumerable<string> ClassPromptTexts(string className) =>
        [PromptText.ClassPrompt(ClassPromptPrefix, className), .. TeacherTemplates.Select(t => PromptText.FormatTemplate(t, className))];

    /// <inheritdoc />
    public override IPromptLearner CreateLearner(IClipBackbone backbone, IClipTokenizer tokenizer, IReadOnlyList<string> classNames) =>
        new PromptSrcPromptLearner(backbone, tokenizer, classNames, this);

    /// <inheritdoc />
    public override IEnumerable<string> Validate(ClipConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        foreach (var problem in LearnedContext.LengthProblems(TextPromptLength, $"{nameof(TextPromptLength)} (N_CTX_TEXT)", config))
            yield return problem;
        if (VisionPromptLength < 1)
            yield return $"{nameof(VisionPromptLength)} (N_CTX_VISION) must be at least 1 (got {VisionPromptLength}).";
        if (TextDepth < 1 || TextDepth > config.Text.Layers)
            yield return $"{nameof(TextDepth)} (PROMPT_DEPTH_TEXT) must be between 1 and {config.Text.Layers} (the text tower's layers), got {TextDepth}.";
        if (VisionDepth < 1 || VisionDepth > config.Vision.Layers)
            yield return $"{nameof(VisionDepth)} (PROMPT_DEPTH_VISION) must be between 1 and {config.Vision.Layers} (the image tower's layers), got {VisionDepth}.";
        if (!(TextLossWeight >= 0) || !double.IsFinite(TextLossWeight))
            yield return $"{nameof(TextLossWeight)} must be finite and ≥ 0 (got {TextLossWeight}).";
        if (!(ImageLossWeight >= 0) || !double.IsFinite(ImageLossWeight))
            yield return $"{nameof(ImageLossWeight)} must be finite and ≥ 0 (got {ImageLossWeight}).";
        if (!double.IsFinite(GpaMean))
            yield return $"{nameof(GpaMean)} must be finite (got {GpaMean}).";
        if (!(GpaStd > 0) || !double.IsFinite(GpaStd))
            yield return $"{nameof(GpaStd)} must be finite and > 0 (got {GpaStd}).";
        if (TeacherTemplates is null || TeacherTemplates.Count == 0)
            yield return $"{nameof(TeacherTemplates)} must hold at least one template.";
        else if (TeacherTemplates.FirstOrDefault(t => t is null || !t.Contains("{}", StringComparison.Ordinal)) is { } bad)
            yield return $"{nameof(TeacherTemplates)}: '{bad}' has no '{{}}' where the class name goes.";
    }
}
