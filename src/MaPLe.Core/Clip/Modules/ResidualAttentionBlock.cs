using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MaPLe.Clip.Modules;

/// <summary>
/// CLIP's pre-LN transformer block: <c>x + attn(ln_1(x))</c>, then <c>x + mlp(ln_2(x))</c> with a QuickGELU MLP of width
/// 4d. The residual stream keeps its own dtype (float32): with bfloat16 weights only the products run in bfloat16, as
/// under <c>torch.autocast</c>, so rounding does not accumulate along the residual path.
/// </summary>
public sealed class ResidualAttentionBlock : nn.Module<Tensor, Tensor>
{
    /// <summary>Self-attention.</summary>
    public readonly MultiheadSelfAttention attn;

    /// <summary>Norm before attention.</summary>
    public readonly ClipLayerNorm ln_1;

    /// <summary><c>c_fc</c> (d→4d, a <see cref="ClipLinear"/>), <c>gelu</c> (<see cref="QuickGelu"/>), <c>c_proj</c> (4d→d).</summary>
    public readonly Sequential mlp;

    /// <summary>Norm before the MLP.</summary>
    public readonly ClipLayerNorm ln_2;

    // Properties, not fields: RegisterComponents would register fields a second time under their own names.
    private ClipLinear Fc => (ClipLinear)mlp[0];
    private ClipLinear Proj => (ClipLinear)mlp[2];

    /// <summary>Creates a block; text blocks are <paramref name="causal"/>.</summary>
    public ResidualAttentionBlock(int width, int heads, bool causal) : base(nameof(ResidualAttentionBlock))
    {
        attn = new MultiheadSelfAttention(width, heads, causal);
        ln_1 = new ClipLayerNorm(width);
        mlp = nn.Sequential(
            ("c_fc", new ClipLinear(width, width * 4L)),
            ("gelu", new QuickGelu()),
            ("c_proj", new ClipLinear(width * 4L, width)));
        ln_2 = new ClipLayerNorm(width);
        RegisterComponents();
    }

    /// <summary>Whether the linear layers run on oneDNN (see <see cref="LinearKernel"/>).</summary>
    internal bool OneDnn
    {
        get => attn.OneDnn;
        set => attn.OneDnn = Fc.OneDnn = Proj.OneDnn = value;
    }

    /// <summary>Applies the block to <c>[N, L, d]</c>.</summary>
    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var h = x + attn.forward(ComputeInput(ln_1.forward(x)));
        return (h + Mlp(h)).MoveToOuterDisposeScope();
    }

    /// <summary>The block's output at the first <paramref name="tokens"/> positions only, <c>[N, tokens, d]</c> (non-causal blocks).</summary>
    public Tensor ForwardFirst(Tensor x, int tokens)
    {
        using var scope = NewDisposeScope();
        var h = x[.., ..tokens] + attn.ForwardFirst(ComputeInput(ln_1.forward(x)), tokens);
        return (h + Mlp(h)).MoveToOuterDisposeScope();
    }

    private Tensor Mlp(Tensor h)
    {
        using var scope = NewDisposeScope();
        return mlp.forward(ComputeInput(ln_2.forward(h))).MoveToOuterDisposeScope();
    }

    private Tensor ComputeInput(Tensor normalized)
    {
        var dtype = Fc.weight.dtype;
        return normalized.dtype == dtype ? normalized : normalized.to(dtype);
    }
}
