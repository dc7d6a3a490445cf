using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MaPLe.Prompting.CoCoOp;

/// <summary>
/// CoCoOp's meta-net: <c>Linear(embed, embed/16) → ReLU → Linear(embed/16, d_text)</c> (upstream <c>meta_net</c> with
/// children <c>linear1</c>, <c>relu</c>, <c>linear2</c>; PyTorch's default Linear initialisation). It maps a normalized
/// image feature to one bias added to every context token.
/// </summary>
public sealed class MetaNet : nn.Module<Tensor, Tensor>
{
    /// <summary>Embedding → hidden.</summary>
    public readonly Linear linear1;

    /// <summary>Hidden → text width.</summary>
    public readonly Linear linear2;

    /// <summary>Creates the meta-net.</summary>
    public MetaNet(int embedDim, int hiddenWidth, int textWidth) : base(nameof(MetaNet))
    {
        linear1 = nn.Linear(embedDim, hiddenWidth);
        linear2 = nn.Linear(hiddenWidth, textWidth);
        RegisterComponents();
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor imageFeatures)
    {
        using var scope = NewDisposeScope();
        return linear2.forward(nn.functional.relu(linear1.forward(imageFeatures))).MoveToOuterDisposeScope();
    }

    /// <summary>The parameters under upstream's names (<c>prompt_learner.meta_net.linear1.weight</c>, ...).</summary>
    public IEnumerable<(string Name, Parameter Parameter)> NamedParameters(string prefix)
    {
        yield return ($"{prefix}.linear1.weight", linear1.weight!);
        yield return ($"{prefix}.linear1.bias", linear1.bias!);
        yield return ($"{prefix}.linear2.weight", linear2.weight!);
        yield return ($"{prefix}.linear2.bias", linear2.bias!);
    }
}
