using TorchSharp;
using static TorchSharp.torch;

namespace MaPLe.Clip.Modules;

/// <summary>
/// <c>x Wᵀ + b</c> over the last dimension of <c>x</c> on the kernel chosen when the backbone was built (libtorch's BLAS
/// path or oneDNN, see <see cref="LinearKernel"/>). A module without parameters: the owner passes its weights, so the
/// same product serves a whole layer (<see cref="ClipLinear"/>) or row slices of one (the attention's stacked q|k|v
/// projection). Being a module, it can be observed from outside through forward hooks (the benchmarks count operations
/// that way); callers invoke it with <c>call</c>.
/// </summary>
internal sealed class LinearProduct : nn.Module<Tensor, Tensor, Tensor, Tensor>
{
    /// <summary>Creates the product (BLAS until <see cref="OneDnn"/> is set).</summary>
    public LinearProduct() : base(nameof(LinearProduct))
    {
    }

    /// <summary>Whether the product runs on oneDNN rather than BLAS.</summary>
    public bool OneDnn { get; set; }

    /// <summary><c>x Wᵀ + b</c> for <c>x [..., in]</c>, <c>weight [out, in]</c>, <c>bias [out]</c>.</summary>
    public override Tensor forward(Tensor x, Tensor weight, Tensor bias)
    {
        // libtorch hands 1×1 convolutions of small batches to oneDNN only with more than one intra-op thread; with one
        // it would run its im2col convolution, so BLAS is the better kernel there.
        if (!OneDnn || x.dtype != ScalarType.Float32 || x.device_type != DeviceType.CPU || get_num_threads() < 2)
            return nn.functional.linear(x, weight, bias);
        using var scope = NewDisposeScope();
        long din = weight.shape[1], dout = weight.shape[0];
        var lead = x.shape[..^1];
        // [rows, din] row-major is exactly a channels-last [1, din, rows, 1] image: no copy either way.
        var image = x.reshape(1, -1, 1, din).permute(0, 3, 1, 2);
        var y = nn.functional.conv2d(image, weight.view(dout, din, 1, 1), bias);
        return y.permute(0, 2, 3, 1).reshape([.. lead, dout]).MoveToOuterDisposeScope();
    }
}
