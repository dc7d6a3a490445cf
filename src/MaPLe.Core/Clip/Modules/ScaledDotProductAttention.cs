using TorchSharp;
using static TorchSharp.torch;

namespace MaPLe.Clip.Modules;

/// <summary>
/// Scaled-dot-product attention of <c>[N, h, Lq, hd]</c> queries over <c>[N, h, Lk, hd]</c> keys and values (scale
/// 1/√hd), optionally causal. A module without parameters so that it can be observed through forward hooks; callers
/// invoke it with <c>call</c>.
/// </summary>
internal sealed class ScaledDotProductAttention : nn.Module<Tensor, Tensor, Tensor, Tensor>
{
    private readonly bool _causal;

    /// <summary>Creates the attention; <paramref name="causal"/> masks every key after its query's position.</summary>
    public ScaledDotProductAttention(bool causal) : base(nameof(ScaledDotProductAttention)) => _causal = causal;

    /// <summary>The attended values <c>[N, h, Lq, hd]</c>.</summary>
    public override Tensor forward(Tensor queries, Tensor keys, Tensor values) =>
        nn.functional.scaled_dot_product_attention(queries, keys, values, is_casual: _causal);
}
