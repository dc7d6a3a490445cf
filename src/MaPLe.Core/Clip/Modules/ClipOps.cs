using MaPLe.Clip;
using TorchSharp;
using static TorchSharp.torch;

namespace MaPLe.Clip.Modules;

/// <summary>The matrix products of the CLIP modules: the oneDNN route of a float32 linear layer and operation counting in one place.</summary>
internal static class ClipOps
{
    /// <summary><c>x Wᵀ + b</c> over the last dimension of <paramref name="x"/>.</summary>
    public static Tensor Linear(Tensor x, Tensor weight, Tensor? bias, bool oneDnn)
    {
        long din = weight.shape[1], dout = weight.shape[0];
        if (FlopCounter.Active) CountProduct(2 * (x.numel() / din) * din * dout, x, weight);
        // libtorch hands 1×1 convolutions of small batches to oneDNN only with more than one intra-op thread; with one
        // it would run its im2col convolution, so BLAS is the better kernel there.
        if (!oneDnn || x.dtype != ScalarType.Float32 || x.device_type != DeviceType.CPU || get_num_threads() < 2)
            return nn.functional.linear(x, weight, bias);
        using var scope = NewDisposeScope();
        var lead = x.shape[..^1];
        // [rows, din] row-major is exactly a channels-last [1, din, rows, 1] image: no copy either way.
        var image = x.reshape(1, -1, 1, din).permute(0, 3, 1, 2);
        var y = nn.functional.conv2d(image, weight.view(dout, din, 1, 1), bias);
        return y.permute(0, 2, 3, 1).reshape([.. lead, dout]).MoveToOuterDisposeScope();
    }

    /// <summary>Scaled-dot-product attention of <c>[N, h, Lq, hd]</c> queries over <c>[N, h, Lk, hd]</c> keys/values.</summary>
    public static Tensor Attention(Tensor q, Tensor k, Tensor v, bool causal)
    {
        if (FlopCounter.Active)
        {
            long f = 2 * 2 * q.shape[0] * q.shape[1] * q.shape[2] * k.shape[2] * q.shape[3];
            FlopCounter.Add(f, NeedsGrad(q) || NeedsGrad(k) || NeedsGrad(v) ? 2 * f : 0);
        }
        return nn.functional.scaled_dot_product_attention(q, k, v, is_casual: causal);
    }

    /// <summary><c>a @ b</c> for rows <c>[..., n]</c> and a matrix <c>[n, m]</c>.</summary>
    public static Tensor Project(Tensor a, Tensor b)
    {
        if (FlopCounter.Active) CountProduct(2 * a.numel() * b.shape[1], a, b);
        return a.matmul(b);
    }

    /// <summary>Counts a patch embedding (a strided convolution) producing <paramref name="output"/>.</summary>
    public static void CountPatchEmbedding(Tensor images, Tensor weight, Tensor output)
    {
        if (FlopCounter.Active) CountProduct(2 * output.numel() * weight.shape[1] * weight.shape[2] * weight.shape[3], images, weight);
    }

    // A product of an input and a weight: its gradient products are as costly as it, one per operand that needs one.
    private static void CountProduct(long flops, Tensor input, Tensor weight) =>
        FlopCounter.Add(flops, (NeedsGrad(input) ? flops : 0) + (NeedsGrad(weight) ? flops : 0));

    private static bool NeedsGrad(Tensor t) => t.requires_grad && is_grad_enabled();
}
