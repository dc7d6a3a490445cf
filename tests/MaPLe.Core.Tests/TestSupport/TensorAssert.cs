using static TorchSharp.torch;

namespace MaPLe.Tests.TestSupport;

/// <summary>Numeric comparisons of tensors with messages that say where and by how much.</summary>
public static class TensorAssert
{
    /// <summary>Max absolute difference.</summary>
    public static double MaxAbsDiff(Tensor actual, Tensor expected)
    {
        using var scope = NewDisposeScope();
        Assert.Equal(expected.shape, actual.shape);
        return (actual.detach().cpu().to(ScalarType.Float64) - expected.detach().cpu().to(ScalarType.Float64)).abs().max().item<double>();
    }

    /// <summary>Asserts max |actual − expected| ≤ tolerance.</summary>
    public static void Close(Tensor actual, Tensor expected, double tolerance, string what)
    {
        double d = MaxAbsDiff(actual, expected);
        Assert.True(d <= tolerance, $"{what}: max abs diff {d:E3} > {tolerance:E1}");
    }

    /// <summary>Asserts ‖actual − expected‖₂ / ‖expected‖₂ ≤ tolerance.</summary>
    public static void RelativeL2(Tensor actual, Tensor expected, double tolerance, string what)
    {
        using var scope = NewDisposeScope();
        Assert.Equal(expected.shape, actual.shape);
        var a = actual.detach().cpu().to(ScalarType.Float64);
        var e = expected.detach().cpu().to(ScalarType.Float64);
        double rel = (a - e).norm().item<double>() / Math.Max(e.norm().item<double>(), 1e-30);
        Assert.True(rel <= tolerance, $"{what}: relative L2 error {rel:E3} > {tolerance:E1}");
    }
}
