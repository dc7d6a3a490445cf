using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MaPLe.Prompting.Components;

/// <summary>
/// The per-block prompt tokens of one tower in IVLP and VPT (upstream <c>ResidualAttentionBlock_IVLP.VPT_shallow</c>):
/// blocks 1..depth−1 each own <c>[n, width]</c> tokens, N(0, 0.02), that replace the previous block's outputs at the prompt
/// positions. Block 0 takes its prompts from the input sequence instead.
/// </summary>
public sealed class DeepPromptTokens : nn.Module
{
    /// <summary>Tokens of blocks 1..depth−1 (entry k belongs to block k+1).</summary>
    public readonly ParameterList VPT_shallow;

    /// <summary>Creates random tokens for blocks 1..<paramref name="depth"/>−1.</summary>
    public DeepPromptTokens(int depth, int tokens, int width) : base(nameof(DeepPromptTokens))
    {
        VPT_shallow = new ParameterList();
        for (int block = 1; block < depth; block++)
            VPT_shallow.Add(new Parameter(normal(0, 0.02, [tokens, width])));
        RegisterComponents();
    }

    /// <summary>Number of blocks with their own tokens (depth − 1).</summary>
    public int Count => VPT_shallow.Count;

    /// <summary>The tokens under upstream's names: <c>{tower}.transformer.resblocks.{block}.VPT_shallow</c>.</summary>
    public IEnumerable<(string Name, Parameter Parameter)> NamedTokens(string tower)
    {
        for (int i = 0; i < VPT_shallow.Count; i++)
            yield return ($"{tower}.transformer.resblocks.{i + 1}.VPT_shallow", VPT_shallow[i]);
    }

    /// <summary>Block index → tokens, for the backbone's prompt seam (null when there are none).</summary>
    public IReadOnlyDictionary<int, Tensor>? ByBlock()
    {
        if (VPT_shallow.Count == 0) return null;
        var deep = new Dictionary<int, Tensor>();
        for (int i = 0; i < VPT_shallow.Count; i++)
            deep[i + 1] = VPT_shallow[i];
        return deep;
    }
}
