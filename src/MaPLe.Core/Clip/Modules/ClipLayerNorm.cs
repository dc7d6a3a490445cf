using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MaPLe.Clip.Modules;

/// <summary>
/// LayerNorm computed in float32 and cast back to the input dtype, as CLIP's LayerNorm subclass does; its parameters stay
/// float32 even when the rest of the model computes in bfloat16. eps = 1e-5 (PyTorch's default, used by CLIP).
/// </summary>
public sealed class ClipLayerNorm : nn.Module<Tensor, Tensor>
{
    private readonly long[] _shape;

    /// <summary>Learned scale.</summary>
    public readonly Parameter weight;

    /// <summary>Learned shift.</summary>
    public readonly Parameter bias;

    /// <summary>Creates a LayerNorm over the last dimension of size <paramref name="width"/>.</summary>
    public ClipLayerNorm(long width, double eps = 1e-5) : base(nameof(ClipLayerNorm))
    {
        _shape = [width];
        Eps = eps;
        weight = new Parameter(ones(width));
        bias = new Parameter(zeros(width));
        RegisterComponents();
    }

    /// <summary>Numerical epsilon.</summary>
    public double Eps { get; }

    /// <inheritdoc />
    public override Tensor forward(Tensor x)
    {
        if (x.dtype == ScalarType.Float32)
            return nn.functional.layer_norm(x, _shape, weight, bias, Eps);
        using var scope = NewDisposeScope();
        return nn.functional.layer_norm(x.to(ScalarType.Float32), _shape, weight, bias, Eps).to(x.dtype).MoveToOuterDisposeScope();
    }
}
