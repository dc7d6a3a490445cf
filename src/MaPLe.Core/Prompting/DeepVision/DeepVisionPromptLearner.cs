using MaPLe.Clip;
using MaPLe.Prompting.Components;
using MaPLe.Tokenization;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MaPLe.Prompting.DeepVision;

/// <summary>
/// VPT-deep: vision tokens appended after the patches plus per-block replacements (as IVLP's image side); the text side is
/// the frozen CLIP on "a photo of a {class}.". Those text features do not depend on anything learned, so they are
/// computed once per class set (without gradient) and reused, as upstream's <c>FixedEmbeddings</c>.
/// </summary>
public sealed class DeepVisionPromptLearner : PromptLearnerBase
{
    /// <summary>The vision prompts.</summary>
    public readonly VisionPromptTokens vision;

    /// <summary>Builds VPT-deep on <paramref name="backbone"/> for <paramref name="classNames"/>.</summary>
    public DeepVisionPromptLearner(IClipBackbone backbone, IClipTokenizer tokenizer, IReadOnlyList<string> classNames, DeepVisionOptions options)
        : base(nameof(DeepVisionPromptLearner), backbone, tokenizer, options)
    {
        vision = new VisionPromptTokens(options.PromptDepth, options.PromptLength, backbone.Config.Vision.Width);
        Initialize(classNames);
    }

    /// <inheritdoc />
    protected override string ClassPromptPrefix => DeepVisionOptions.FixedPromptPrefix;

    /// <inheritdoc />
    protected override IEnumerable<(string Name, Parameter Parameter)> NamedTrainableParameters() => vision.NamedTokens();

    /// <inheritdoc />
    protected override Tensor BuildTextEmbeddings() => ClassPrompts.Embeddings;

    /// <inheritdoc />
    protected override VisionPrompts BuildVisionPrompts() => vision.ToVisionPrompts();

    /// <summary>The text side is the frozen CLIP: its features are cached per class set, also while training.</summary>
    protected override bool TextUsesLearnedParameters => false;
}
