using MaPLe.Clip;
using MaPLe.Tokenization;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MaPLe.Prompting.Components;

/// <summary>
/// Independent deep prompts in each tower (upstream <c>VLPromptLearner</c> + the <c>VPT</c> parameters of the IVLP
/// towers): a CoOp-like text context <c>ctx</c> after SOT, per-block text tokens replacing positions 1..n of blocks
/// 1..depth_t−1, and — unless the vision depth is 0 (deep language prompting) — vision tokens appended after the patches
/// with per-block replacements of the last n tokens. No coupling between the towers (unlike MaPLe).
/// </summary>
public abstract class TowerPromptLearner : PromptLearnerBase
{
    /// <summary>The state-dict prefix of the text tower's per-block tokens.</summary>
    public const string TextTower = "text_encoder";

    private readonly TowerPromptShape _shape;

    /// <summary>First-layer text context <c>[n_t, d_text]</c>.</summary>
    public readonly Parameter ctx;

    /// <summary>Text tokens of blocks 1..depth_t−1.</summary>
    public readonly DeepPromptTokens text_blocks;

    /// <summary>The vision prompts; null when the vision depth is 0.</summary>
    public readonly VisionPromptTokens? vision;

    private protected TowerPromptLearner(string name, IClipBackbone backbone, IClipTokenizer tokenizer, IReadOnlyList<string> classNames,
        PromptMethodOptions options, TowerPromptShape shape)
        : base(name, backbone, tokenizer, options)
    {
        _shape = shape;
        int nt = shape.TextPromptLength;
        int dt = backbone.Config.Text.Width;
        ctx = new Parameter(shape.UsesInitText
            ? EmbedInitWords(PromptText.CleanInit(shape.ContextInit), nt)
            : normal(0, 0.02, [nt, dt]));
        if (shape.VisionDepth > 0)
            vision = new VisionPromptTokens(shape.VisionDepth, shape.VisionPromptLength, backbone.Config.Vision.Width);
        text_blocks = new DeepPromptTokens(shape.TextDepth, nt, dt);
        Initialize(classNames);
    }

    /// <inheritdoc />
    protected override string ClassPromptPrefix => _shape.ClassPromptPrefix;

    /// <inheritdoc />
    protected override IEnumerable<(string Name, Parameter Parameter)> NamedTrainableParameters()
    {
        yield return ("prompt_learner.ctx", ctx);
        if (vision is not null)
            foreach (var p in vision.NamedTokens())
                yield return p;
        foreach (var p in text_blocks.NamedTokens(TextTower))
            yield return p;
    }

    /// <inheritdoc />
    protected override Tensor BuildTextEmbeddings() => ClassPrompts.WithContext(ctx);

    /// <inheritdoc />
    protected override TextPrompts? BuildTextPrompts() =>
        text_blocks.ByBlock() is { } deep ? new TextPrompts(deep) : null;

    /// <inheritdoc />
    protected override VisionPrompts? BuildVisionPrompts() => vision?.ToVisionPrompts();
}
