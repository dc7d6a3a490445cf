using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
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
    public readonly Parameter in_proj_weight;

    /// <summary>Stacked q, k, v projection biases <c>[3d]</c>.</summary>
    public readonly Parameter in_proj_bias;

    /// <summary>Output projection.</summary>
    public readonly ClipLinear out_proj;

    // The products as child modules without parameters (observable through forward hooks); the weights stay above under
    // PyTorch's names.
    [ComponentName(Name = "in_proj")]
    private readonly LinearProduct _inProjection = new();

    [ComponentName(Name = "attention")]
    private readonly ScaledDotProductAttention _attention;

    /// <summary>Creates the attention for <paramref name="width"/> channels and <paramref name="heads"/> heads.</summary>
    public MultiheadSelfAttention(int width, int heads, bool causal) : base(nameof(MultiheadSelfAttention))
    {
        if (width % heads != 0)
            throw new ArgumentException($"Width {width} is not divisible by {heads} heads.", nameof(heads));
        _heads = heads;
        _causal = causal;
        _attention = new ScaledDotProductAttention(causal);
        in_proj_weight = new Parameter(empty(3L * width, width));
        in_proj_bias = new Parameter(zeros(3L * width));
        out_proj = new ClipLinear(width, width);
        RegisterComponents();
    }

    /// <summary>Whether the linear layers run on oneDNN (see <see cref="LinearKernel"/>).</summary>
    internal bool OneDnn
    {
        get => out_proj.OneDnn;
        set => out_proj.OneDnn = _inProjection.OneDnn = value;
    }

    /// <summary>Attention over <c>[N, L, d]</c>.</summary>
    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        long n = x.shape[0], l = x.shape[1], d = x.shape[2];
        var qkv = _inProjection.call(x, in_proj_weight, in_proj_bias)
            .view(n, l, 3, _heads, d / _heads)
            .permute(2, 0, 3, 1, 4);
        return Attend(qkv[0], qkv[1], qkv[2]).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The outputs of the first <paramref name="queries"/> positions only (<c>[N, q, d]</c>), attending over all of
    /// <paramref name="x"/>: what a final block needs when only its first token is pooled. Non-causal only.
    /// </summary>
    public Tensor ForwardFirst(Tensor x, int queries)
    {
        if (_causal)
            throw new InvalidOperationException("ForwardFirst is for non-causal (vision) attention: a causal first token attends to itself only.");
        using var scope = NewDisposeScope();
        long n = x.shape[0], l = x.shape[1], d = x.shape[2], hd = d / _heads;
        var q = _inProjection.call(x[.., ..queries], in_proj_weight[..(int)d], in_proj_bias[..(int)d])
            .view(n, queries, _heads, hd).transpose(1, 2);
        var kv = _inProjection.call(x, in_proj_weight[(int)d..], in_proj_bias[(int)d..])
            .view(n, l, 2, _heads, hd)
            .permute(2, 0, 3, 1, 4);
        return Attend(q, kv[0], kv[1]).MoveToOuterDisposeScope();
    }

    private Tensor Attend(Tensor q, Tensor k, Tensor v)
    {
        long n = q.shape[0], lq = q.shape[2], d = q.shape[1] * q.shape[3];
        var merged = _attention.call(q, k, v).transpose(1, 2).reshape(n, lq, d);
        return out_proj.forward(merged);
    }
}
