using MaPLe.Clip;
using MaPLe.Tests.TestSupport;
using static TorchSharp.torch;

namespace MaPLe.Tests.Clip;

/// <summary>The shortcuts and precisions of the compute path against the plain computation.</summary>
public sealed class ComputePathTests
{
    private static Tensor Images(int batch, ClipBackbone clip)
    {
        using var g = new Generator(11);
        int size = clip.Config.Vision.ImageSize;
        return randn([batch, 3, size, size], generator: g);
    }

    [Fact]
    public void FirstTokenOfLastBlockEqualsFullBlock()
    {
        using var scope = NewDisposeScope();
        using var clip = ClipBackbone.Load(Fixtures.TinyOpenAiWeights);
        var block = clip.Model.visual.transformer.resblocks[^1];
        using var g = new Generator(3);
        var x = randn([2, 7, clip.Config.Vision.Width], generator: g);
        using var _ = no_grad();
        TensorAssert.Close(block.ForwardFirst(x, 1), block.forward(x)[.., ..1], 1e-6, "first token only vs full block");
        TensorAssert.Close(block.ForwardFirst(x, 3), block.forward(x)[.., ..3], 1e-6, "first three tokens vs full block");
    }

    [Fact]
    public void ShortcutTowerEqualsFullTowerAtTheClassToken()
    {
        using var scope = NewDisposeScope();
        using var clip = ClipBackbone.Load(Fixtures.TinyOpenAiWeights);
        using var g = new Generator(4);
        var x = randn([2, clip.Config.Vision.SequenceLength, clip.Config.Vision.Width], generator: g);
        using var _ = no_grad();
        var full = clip.Model.visual.transformer.Forward(x, null, null);
        var first = clip.Model.visual.transformer.Forward(x, null, null, firstTokens: 1);
        Assert.Equal(new long[] { 2, 1, clip.Config.Vision.Width }, first.shape);
        TensorAssert.Close(first, full[.., ..1], 1e-5, "class token");
    }

    [Fact]
    public void BFloat16KeepsTheResidualStreamInFloat32()
    {
        using var scope = NewDisposeScope();
        using var fp32 = ClipBackbone.Load(Fixtures.TinyOpenAiWeights);
        using var bf16 = ClipBackbone.Load(Fixtures.TinyOpenAiWeights, new ClipBackboneOptions { ComputeDType = ScalarType.BFloat16 });
        Assert.Equal(ScalarType.BFloat16, bf16.Model.visual.transformer.resblocks[0].attn.in_proj_weight.dtype);
        Assert.Equal(ScalarType.Float32, bf16.Model.visual.ln_pre.weight.dtype);
        var images = Images(3, fp32);
        using var _ = no_grad();
        var expected = fp32.EncodeImage(images);
        var mixed = bf16.EncodeImage(images);
        Assert.Equal(ScalarType.Float32, mixed.dtype);
        // bf16 keeps 8 significant bits (relative rounding 2^-9 per product): a few 1e-3 after a tower, not 1e-1.
        double relative = (mixed - expected).norm().item<float>() / expected.norm().item<float>();
        Assert.InRange(relative, 1e-6, 3e-2);
    }

    [Fact]
    public void UndefinedLinearKernelIsRejected()
    {
        var options = new ClipBackboneOptions { LinearKernel = (LinearKernel)7 };
        var e = Assert.Throws<ArgumentException>(options.Validate);
        Assert.Contains("LinearKernel", e.Message);
    }
}
