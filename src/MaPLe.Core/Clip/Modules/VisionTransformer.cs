using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace MaPLe.Clip.Modules;

/// <summary>CLIP's ViT image tower with OpenAI parameter names (<c>conv1</c>, <c>class_embedding</c>, <c>ln_pre</c>, ...).</summary>
public sealed class VisionTransformer : nn.Module<Tensor, Tensor>
{
    /// <summary>Patch embedding (no bias).</summary>
    public readonly Conv2d conv1;

    /// <summary>The class token <c>[width]</c>.</summary>
    public readonly Parameter class_embedding;

    /// <summary>Positional embedding <c>[grid²+1, width]</c>.</summary>
    public readonly Parameter positional_embedding;

    /// <summary>Norm before the blocks.</summary>
    public readonly ClipLayerNorm ln_pre;

    /// <summary>The blocks.</summary>
    public readonly Transformer transformer;

    /// <summary>Norm of the class token output.</summary>
    public readonly ClipLayerNorm ln_post;

    /// <summary>Projection to the joint space <c>[width, embed]</c> (used as <c>x @ proj</c>).</summary>
    public readonly Parameter proj;

    [ComponentName(Name = "projection")]
    private readonly MatrixProduct _projection = new();

    /// <summary>Builds the tower for <paramref name="config"/>.</summary>
    public VisionTransformer(ClipVisionConfig config, int embedDim) : base(nameof(VisionTransformer))
    {
        Config = config;
        conv1 = nn.Conv2d(3, config.Width, config.PatchSize, stride: config.PatchSize, bias: false);
        class_embedding = new Parameter(empty(config.Width));
        positional_embedding = new Parameter(empty(config.SequenceLength, config.Width));
        ln_pre = new ClipLayerNorm(config.Width);
        transformer = new Transformer(config.Width, config.Layers, config.Heads, causal: false);
        ln_post = new ClipLayerNorm(config.Width);
        proj = new Parameter(empty(config.Width, embedDim));
        RegisterComponents();
    }

    /// <summary>The tower's hyper-parameters.</summary>
    public ClipVisionConfig Config { get; }

    /// <inheritdoc />
    public override Tensor forward(Tensor images) => Forward(images, null);

    /// <summary>
    /// Image features <c>[B, embed]</c> (float32) with optional prompts. The residual stream is float32 whatever the
    /// weights' dtype; only the class token goes through the last block (nothing else is pooled).
    /// </summary>
    public Tensor Forward(Tensor images, VisionPrompts? prompts)
    {
        using var scope = NewDisposeScope();
        var stream = ScalarType.Float32;
        var x = conv1.call(images.to(conv1.weight!.dtype));              // [B, w, g, g]
        long b = x.shape[0], w = x.shape[1];
        x = x.to(stream).reshape(b, w, -1).permute(0, 2, 1);             // [B, g², w]
        var cls = class_embedding.to(stream).view(1, 1, w).expand(b, 1, w);
        x = cat([cls, x], 1) + positional_embedding.to(stream);
        if (prompts?.Appended is { } appended)
            x = cat([x, PromptSplice.Expand(appended, b, stream)], 1);   // after the patches, no positional embedding
        x = ln_pre.forward(x);
        x = transformer.Forward(x, prompts?.Deep, PromptSplice.ReplaceLast, firstTokens: 1);
        var pooled = ln_post.forward(x[.., 0, ..]);
        return _projection.call(pooled, proj.to(stream)).MoveToOuterDisposeScope();
    }
}
