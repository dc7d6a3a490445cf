using static TorchSharp.torch;

namespace MaPLe.Prompting.ProGrad;

/// <summary>ProGrad's per-tensor projection of the task gradient against the general-knowledge (KL) gradient.</summary>
public static class GradientProjection
{
    /// <summary>
    /// Returns g_ce − λ·(g_ce·ĝ_kl)·ĝ_kl where cos(g_ce, g_kl) &lt; 0 on the flattened tensors (ĝ_kl = g_kl/‖g_kl‖), else
    /// g_ce; and the cosine as a scalar tensor. Exactly upstream's test and formula, in the gradients' dtype; the branch
    /// is taken on the device (no host sync), and a NaN cosine (a zero gradient) keeps g_ce as upstream's test does.
    /// </summary>
    public static (Tensor Gradient, Tensor Cosine) Project(Tensor gradCe, Tensor gradKl, double lambda)
    {
        ArgumentNullException.ThrowIfNull(gradCe);
        ArgumentNullException.ThrowIfNull(gradKl);
        using var scope = NewDisposeScope();
        var a = gradCe.flatten();
        var b = gradKl.flatten();
        var bUnit = b / b.norm();
        var cos = (a / a.norm()).dot(bUnit);
        var projected = a - lambda * a.dot(bUnit) * bUnit;
        var result = where(cos.lt(0), projected, a).reshape(gradCe.shape);
        return (result.MoveToOuterDisposeScope(), cos.MoveToOuterDisposeScope());
    }
}
