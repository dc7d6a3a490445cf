using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MaPLe.Clip.Modules;

/// <summary>CLIP's pre-LN transformer block: <c>x + attn(ln_1(x))</c>, then <c>x + mlp(ln_2(x))</c> with a QuickGELU MLP of width 4d.</summary>
public sealed class ResidualAttentionBlock : nn.Module<Tensor, Tensor>
{
    /// <summary>Self-attention.</summary>
    public MultiheadSelfAttention attn;

    /// <summary>Norm before attention.</summary>
    public ClipLayerNorm ln_1;

    /// <summary><c>c_fc</c> (d→4d), <c>gelu</c>, <c>c_proj</c> (4d→d).</summary>
    public Sequential mlp;

    /// <summary>Norm before the MLP.</summary>
    public ClipLayerNorm ln_2;

    /// <summary>Creates a block; text blocks are <paramref name="causal"/>.</summary>
    public ResidualAttentionBlock(int width, int heads, bool causal) : base(nameof(ResidualAttentionBlock))
    {
        attn = new MultiheadSelfAttention(width, heads, causal);
        ln_1 = new ClipLayerNorm(width);
        mlp = nn.Sequential(
            ("c_fc", nn.Linear(width, width * 4L)),
            ("gelu", new QuickGelu()),
            ("c_proj", nn.Linear(width * 4L, width)));
        ln_2 = new ClipLayerNorm(width);
        RegisterComponents();
    }

    /// <summary>Applies the block to <c>[N, L, d]</c>.</summary>
    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var h = x + attn.forward(ln_1.forward(x));
        return (h + mlp.forward(ln_2.forward(h))).MoveToOuterDisposeScope();
    }
}
