using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MaPLe.Clip.Modules;

/// <summary>
/// A stack of residual attention blocks with the prompt seam: before block i (i ≥ 1) listed in the replacements, a slice
/// of the sequence is replaced by prompt tokens.
/// </summary>
public sealed class Transformer : nn.Module<Tensor, Tensor>
{
    /// <summary>The blocks, in order.</summary>
    public readonly ModuleList<ResidualAttentionBlock> resblocks;

    /// <summary>Creates <paramref name="layers"/> blocks.</summary>
    public Transformer(int width, int layers, int heads, bool causal) : base(nameof(Transformer))
    {
        resblocks = new ModuleList<ResidualAttentionBlock>();
        for (int i = 0; i < layers; i++)
            resblocks.Add(new ResidualAttentionBlock(width, heads, causal));
        RegisterComponents();
    }

    /// <summary>Number of blocks.</summary>
    public int Layers => resblocks.Count;

    /// <inheritdoc />
    public override Tensor forward(Tensor x) => Forward(x, null, null);

    /// <summary>
    /// Runs the blocks over <c>[N, L, d]</c>. Before block i, when <paramref name="deep"/> has an entry for i, the
    /// <paramref name="replace"/> callback rewrites the sequence (vision: last n tokens; text: positions 1..n).
    /// </summary>
    /// <param name="x">The sequence.</param>
    /// <param name="deep">Prompts per block index.</param>
    /// <param name="replace">How a prompt enters the sequence.</param>
    /// <param name="firstTokens">
    /// When positive, the last block computes only the first <paramref name="firstTokens"/> positions (non-causal towers
    /// that pool the class token): the result is <c>[N, firstTokens, d]</c>, equal to those positions of the full output.
    /// </param>
    public Tensor Forward(Tensor x, IReadOnlyDictionary<int, Tensor>? deep, Func<Tensor, Tensor, Tensor>? replace, int firstTokens = 0)
    {
        using var scope = NewDisposeScope();
        var h = x;
        for (int i = 0; i < resblocks.Count; i++)
        {
            if (i > 0 && deep is not null && replace is not null && deep.TryGetValue(i, out var prompt))
                h = replace(h, prompt);
            h = firstTokens > 0 && i == resblocks.Count - 1 ? resblocks[i].ForwardFirst(h, firstTokens) : resblocks[i].forward(h);
        }
        return h.MoveToOuterDisposeScope();
    }
}
