using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MaPLe.Clip.Modules;

/// <summary>
/// The whole CLIP as a module: <c>visual</c> (image tower), <c>text</c> (text tower) and <c>logit_scale</c>. Its state-dict
/// names are OpenAI's with the text keys under <c>text.</c>; <see cref="MaPLe.Checkpoints.ClipKeyMap"/> converts.
/// </summary>
public sealed class ClipModel : nn.Module<Tensor, Tensor, Tensor>
{
    /// <summary>Image tower.</summary>
    public readonly VisionTransformer visual;

    /// <summary>Text tower.</summary>
    public readonly TextTransformer text;

    /// <summary>Log of the logit scale (frozen in prompt learning).</summary>
    public readonly Parameter logit_scale;

    /// <summary>Builds an uninitialised model for <paramref name="config"/>.</summary>
    public ClipModel(ClipConfig config) : base(nameof(ClipModel))
    {
        config.Validate();
        Config = config;
        visual = new VisionTransformer(config.Vision, config.EmbedDim);
        text = new TextTransformer(config.Text, config.EmbedDim);
        logit_scale = new Parameter(tensor(Math.Log(1 / 0.07), ScalarType.Float32));
        RegisterComponents();
    }

    /// <summary>The architecture.</summary>
    public ClipConfig Config { get; }

    /// <summary>CLIP's forward: <c>logits_per_image [B, N]</c> = scale · normalized image features · normalized text features.</summary>
    public override Tensor forward(Tensor images, Tensor tokenIds)
    {
        using var scope = NewDisposeScope();
        var img = nn.functional.normalize(visual.forward(images).to(ScalarType.Float32), dim: -1);
        var txt = nn.functional.normalize(text.forward(tokenIds).to(ScalarType.Float32), dim: -1);
        return (logit_scale.exp() * img.matmul(txt.t())).MoveToOuterDisposeScope();
    }

    /// <summary>Initialises every weight as OpenAI CLIP does (std values from §1.4 of the reference).</summary>
    public void InitializeLikeOpenAI(Generator? generator = null)
    {
        using var _ = no_grad();
        var v = Config.Vision;
        var t = Config.Text;
        double vs = Math.Pow(v.Width, -0.5);
        visual.class_embedding.normal_(0, vs, generator);
        visual.positional_embedding.normal_(0, vs, generator);
        visual.proj.normal_(0, vs, generator);
        double bound = 1 / Math.Sqrt(3.0 * v.PatchSize * v.PatchSize); // PyTorch's default Conv2d init (kaiming-uniform, a = √5)
        visual.conv1.weight!.uniform_(-bound, bound, generator);
        InitBlocks(visual.transformer, v.Width, generator);
        text.token_embedding.weight!.normal_(0, 0.02, generator);
        text.positional_embedding.normal_(0, 0.01, generator);
        InitBlocks(text.transformer, t.Width, generator);
        text.text_projection.normal_(0, Math.Pow(t.Width, -0.5), generator);
        logit_scale.fill_(Math.Log(1 / 0.07));
    }

    private static void InitBlocks(Transformer transformer, int width, Generator? generator)
    {
        double projStd = Math.Pow(width, -0.5) * Math.Pow(2 * transformer.Layers, -0.5);
        double attnStd = Math.Pow(width, -0.5);
        double fcStd = Math.Pow(2 * width, -0.5);
        foreach (var block in transformer.resblocks)
        {
            block.attn.in_proj_weight.normal_(0, attnStd, generator);
            block.attn.in_proj_bias.zero_();
            block.attn.out_proj.weight.normal_(0, projStd, generator);
            block.attn.out_proj.bias.zero_();
            var fc = (ClipLinear)block.mlp[0];
            var cproj = (ClipLinear)block.mlp[2];
            fc.weight.normal_(0, fcStd, generator);
            fc.bias.zero_();
            cproj.weight.normal_(0, projStd, generator);
            cproj.bias.zero_();
        }
    }
}
