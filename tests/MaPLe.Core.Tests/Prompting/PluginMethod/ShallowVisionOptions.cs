using MaPLe.Clip;
using MaPLe.Prompting;
using MaPLe.Tokenization;

namespace MaPLe.Tests.Prompting.PluginMethod;

/// <summary>
/// A method that lives only in this folder of the test project: shallow visual prompt tuning (VPT-shallow, learned tokens
/// appended to the image tower's input only). It proves that a method plugs in without an edit anywhere else.
/// </summary>
public sealed record ShallowVisionOptions : PromptMethodOptions
{
    /// <summary>The fixed text before each class name.</summary>
    public const string FixedPromptPrefix = "a photo of a";

    /// <summary>Learned vision tokens (default 4).</summary>
    public int PromptLength { get; init; } = 4;

    /// <inheritdoc />
    public override string Method => "vpt_shallow";

    /// <inheritdoc />
    public override IEnumerable<string> ClassPromptTexts(string className) => [PromptText.ClassPrompt(FixedPromptPrefix, className)];

    /// <inheritdoc />
    public override IPromptLearner CreateLearner(IClipBackbone backbone, IClipTokenizer tokenizer, IReadOnlyList<string> classNames) =>
        new ShallowVisionPromptLearner(backbone, tokenizer, classNames, this);

    /// <inheritdoc />
    public override IEnumerable<string> Validate(ClipConfig config)
    {
        if (PromptLength < 1)
            yield return $"{nameof(PromptLength)} must be at least 1 (got {PromptLength}).";
    }
}
