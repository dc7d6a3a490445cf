using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace MaPLe.Clip.Modules;

/// <summary>
/// A linear layer (<c>weight [out, in]</c>, <c>bias [out]</c>, PyTorch's names) that owns the choice of its float32 kernel:
/// libtorch's BLAS path or oneDNN (see <see cref="LinearKernel"/>). The kernel is chosen once when the backbone is built;
/// the forward pass only follows it. The product itself is a child module (<c>product</c>, no parameters), observable
/// through forward hooks.
/// </summary>
public sealed class ClipLinear : nn.Module<Tensor, Tensor>
{
    /// <summary>Weight <c>[out, in]</c>.</summary>
    public readonly Parameter weight;

    /// <summary>Bias <c>[out]</c>.</summary>
    public readonly Parameter bias;

    [ComponentName(Name = "product")]
    private readonly LinearProduct _product = new();

    /// <summary>Creates the layer, initialised as <c>nn.Linear</c> (the same draws from the global random generator).</summary>
    public ClipLinear(long inFeatures, long outFeatures) : base(nameof(ClipLinear))
    {
        using var init = nn.Linear(inFeatures, outFeatures);
        weight = new Parameter(init.weight!.detach().clone());
        bias = new Parameter(init.bias!.detach().clone());
        RegisterComponents();
    }

    /// <summary>Whether the product runs on oneDNN rather than BLAS.</summary>
    internal bool OneDnn
    {
        get => _product.OneDnn;
        set => _product.OneDnn = value;
    }

    /// <summary><c>x Wᵀ + b</c> over the last dimension of <paramref name="x"/>.</summary>
    public override Tensor forward(Tensor x) => _product.call(x, weight, bias);
}
