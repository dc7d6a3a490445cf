using static TorchSharp.torch;

namespace MaPLe.Prompting.ProGrad;

/// <summary>ProGrad's per-tensor projection of the task gradient against the general-knowledge (KL) gradient.</summary>
public static class GradientProjection
{
    /// <summary>
    /// Returns g_ce − λ·(g_ce·ĝ_kl)·ĝ_kl when cos(g_ce, g_kl) &lt; 0 on the flattened tensors (ĝ_kl = g_kl/‖g_kl‖), else
    /// g_ce; and the cosine. Exactly upstream's test and formula, in the gradients' dtype.
    /// </summary>
    public static (Tensor Gradient, double Cosine) Project(Tensor gradCe, Tensor gradKl, double lambda)
    {
        ArgumentNullException.ThrowIfNull(gradCe);
        ArgumentNullException.ThrowIfNull(gradKl);
        using var scope = NewDisposeScope();
        var a = gradCe.flatten();
        var b = gradKl.flatten();
        var bUnit = b / b.norm();
        double cos = (a / a.norm()).dot(bUnit).to(ScalarType.Float64).item<double>();
        var result = cos < 0 ? (a - lambda * a.dot(bUnit) * bUnit).reshape(gradCe.shape) : gradCe.clone();
        return (result.MoveToOuterDisposeScope(), cos);
    }
}
