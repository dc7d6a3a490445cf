using MaPLe.Clip;
using MaPLe.Tokenization;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MaPLe.Prompting.CoCoOp;

/// <summary>
/// CoCoOp's prompt learner (upstream <c>PromptLearner</c> of <c>trainers/cocoop.py</c>): each image shifts the shared
/// context by <c>meta_net(normalized image feature)</c>, so every image has its own class prompts. Upstream runs the text
/// tower once per image; here all B × C prompts go through one batched text pass, which computes the same features.
/// </summary>
public sealed class ConditionalPromptLearner : PromptLearnerBase
{
    private readonly CoCoOpOptions _options;

    /// <summary>The shared context <c>[n, d_text]</c>.</summary>
    public readonly Parameter ctx;

    /// <summary>The image-conditioned bias generator.</summary>
    public readonly MetaNet meta_net;

    /// <summary>Builds CoCoOp on <paramref name="backbone"/> for <paramref name="classNames"/>.</summary>
    public ConditionalPromptLearner(IClipBackbone backbone, IClipTokenizer tokenizer, IReadOnlyList<string> classNames, CoCoOpOptions options)
        : base(nameof(ConditionalPromptLearner), backbone, tokenizer, options)
    {
        _options = options;
        int n = options.EffectivePromptLength;
        int dt = backbone.Config.Text.Width;
        int embed = backbone.Config.EmbedDim;
        ctx = new Parameter(options.UsesInitText ? EmbedInitWords(options.InitText, n) : normal(0, 0.02, [n, dt]));
        meta_net = new MetaNet(embed, CoCoOpOptions.MetaNetHiddenWidth(embed), dt);
        Initialize(classNames);
    }

    /// <summary>Number of learned context tokens (N_CTX in effect).</summary>
    public int PromptLength => _options.EffectivePromptLength;

    /// <summary>Former name of <see cref="PromptLength"/>.</summary>
    [Obsolete("Renamed to PromptLength (N_CTX), so it is not confused with the text context length.")]
    public int ContextLength => PromptLength;

    /// <inheritdoc />
    public override bool TextDependsOnImage => true;

    /// <inheritdoc />
    protected override string ClassPromptPrefix => _options.ClassPromptPrefix;

    /// <inheritdoc />
    protected override IEnumerable<(string Name, Parameter Parameter)> NamedTrainableParameters()
    {
        yield return ("prompt_learner.ctx", ctx);
        foreach (var p in meta_net.NamedParameters("prompt_learner.meta_net"))
            yield return p;
    }

    /// <summary>The unconditioned prompts <c>[C, L, d]</c> (context without any image's bias).</summary>
    protected override Tensor BuildTextEmbeddings() => ClassPrompts.WithContext(ctx);

    /// <summary>
    /// Normalized class features per image, <c>[B, C, d]</c>: for image b the context is <c>ctx + meta_net(f_b)</c>.
    /// </summary>
    /// <param name="imageFeatures">Normalized image features <c>[B, d]</c> (required).</param>
    public override Tensor EncodeClassTexts(Tensor? imageFeatures = null)
    {
        if (imageFeatures is null)
            throw new ArgumentNullException(nameof(imageFeatures), "CoCoOp conditions the class prompts on each image: pass the normalized image features [B, d].");
        if (imageFeatures.dim() != 2)
            throw new ArgumentException($"Image features must be [B, d]; got [{string.Join(", ", imageFeatures.shape)}].", nameof(imageFeatures));
        using var scope = NewDisposeScope();
        var rows = ClassPrompts.Embeddings;                                  // [C, L, d]
        long b = imageFeatures.shape[0], c = rows.shape[0], l = rows.shape[1], d = rows.shape[2];
        int n = (int)ctx.shape[0];
        var bias = meta_net.forward(imageFeatures.to(ctx.device));           // [B, d]
        var shifted = ctx.unsqueeze(0) + bias.unsqueeze(1);                  // [B, n, d]
        var prompts = cat(
        [
            rows[.., ..1].unsqueeze(0).expand(b, c, 1, d),
            shifted.unsqueeze(1).expand(b, c, n, d),
            rows[.., (1 + n)..].unsqueeze(0).expand(b, c, l - 1 - n, d),
        ], 2).reshape(b * c, l, d);
        var eot = ClassPrompts.EotIndices.repeat(b);                         // image-major, as the reshape
        var features = Backbone.EncodeText(prompts, eot).view(b, c, -1);
        return nn.functional.normalize(features, dim: -1).MoveToOuterDisposeScope();
    }
}
