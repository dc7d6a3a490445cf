using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MaPLe.Clip.Modules;

/// <summary>
/// Self-attention with PyTorch <c>nn.MultiheadAttention</c>'s parameters (<c>in_proj_weight</c> rows q|k|v,
/// <c>in_proj_bias</c>, <c>out_proj</c>), computed batch-first with scaled-dot-product attention (scale 1/√head_dim,
/// optional causal mask equal to CLIP's additive upper-triangular −∞ mask).
/// </summary>
public sealed class MultiheadSelfAttention : nn.Module<Tensor, Tensor>
{
    private readonly int _heads;
    private readonly bool _causal;

    /// <summary>Stacked q, k, v projection weights <c>[3d, d]</c>.</summary>
    public Parameter in_proj_weight;

    /// <summary>Stacked q, k, v projection biases <c>[3d]</c>.</summary>
    public Parameter in_proj_bias;

    /// <summary>Output projection.</summary>
    public Linear out_proj;

    /// <summary>Creates the attention for <paramref name="width"/> channels and <paramref name="heads"/> heads.</summary>
    public MultiheadSelfAttention(int width, int heads, bool causal) : base(nameof(MultiheadSelfAttention))
    {
        if (width % heads != 0)
            throw new ArgumentException($"Width {width} is not divisible by {heads} heads.", nameof(heads));
        _heads = heads;
        _causal = causal;
        in_proj_weight = new Parameter(empty(3L * width, width));
        in_proj_bias = new Parameter(zeros(3L * width));
        out_proj = nn.Linear(width, width);
        RegisterComponents();
    }

    /// <summary>Attention over <c>[N, L, d]</c>.</summary>
    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        long n = x.shape[0], l = x.shape[1], d = x.shape[2];
        long headDim = d / _heads;
        var qkv = nn.functional.linear(x, in_proj_weight, in_proj_bias)
            .view(n, l, 3, _heads, headDim)
            .permute(2, 0, 3, 1, 4);
        var q = qkv[0];
        var k = qkv[1];
        var v = qkv[2];
        var attended = nn.functional.scaled_dot_product_attention(q, k, v, is_casual: _causal);
        var merged = attended.transpose(1, 2).reshape(n, l, d);
        return out_proj.forward(merged).MoveToOuterDisposeScope();
    }
}
