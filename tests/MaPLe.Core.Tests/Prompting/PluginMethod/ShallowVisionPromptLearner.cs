using MaPLe.Clip;
using MaPLe.Prompting;
using MaPLe.Prompting.Components;
using MaPLe.Tokenization;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MaPLe.Tests.Prompting.PluginMethod;

/// <summary>VPT-shallow: <c>image_encoder.VPT</c> tokens appended after the patches; the text side is the frozen CLIP.</summary>
public sealed class ShallowVisionPromptLearner : PromptLearnerBase
{
    /// <summary>The vision prompts (input layer only).</summary>
    public VisionPromptTokens vision;

    /// <summary>Builds VPT-shallow on <paramref name="backbone"/> for <paramref name="classNames"/>.</summary>
    public ShallowVisionPromptLearner(IClipBackbone backbone, IClipTokenizer tokenizer, IReadOnlyList<string> classNames, ShallowVisionOptions options)
        : base(nameof(ShallowVisionPromptLearner), backbone, tokenizer, options)
    {
        vision = new VisionPromptTokens(depth: 1, options.PromptLength, backbone.Config.Vision.Width);
        Initialize(classNames);
    }

    /// <inheritdoc />
    protected override string ClassPromptPrefix => ShallowVisionOptions.FixedPromptPrefix;

    /// <inheritdoc />
    protected override IEnumerable<(string Name, Parameter Parameter)> NamedTrainableParameters() => vision.NamedTokens();

    /// <inheritdoc />
    protected override Tensor BuildTextEmbeddings() => ClassPrompts.Embeddings;

    /// <inheritdoc />
    protected override VisionPrompts BuildVisionPrompts() => vision.ToVisionPrompts();
}
