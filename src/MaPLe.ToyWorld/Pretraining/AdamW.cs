using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MaPLe.Pretraining;

/// <summary>
/// AdamW (Loshchilov &amp; Hutter) with decoupled weight decay on chosen parameters, as PyTorch's <c>optim.AdamW</c>
/// computes it. Ours because the pretrainer needs per-parameter decay without TorchSharp's parameter groups.
/// </summary>
internal sealed class AdamW : IDisposable
{
    private readonly (Parameter Parameter, bool Decay, Tensor M, Tensor V)[] _state;
    private readonly double _beta1;
    private readonly double _beta2;
    private readonly double _eps;
    private readonly double _weightDecay;
    private long _step;

    public AdamW(IEnumerable<(Parameter Parameter, bool Decay)> parameters, double beta1, double beta2, double eps, double weightDecay)
    {
        _beta1 = beta1;
        _beta2 = beta2;
        _eps = eps;
        _weightDecay = weightDecay;
        _state = parameters.Select(p => (p.Parameter, p.Decay,
            zeros_like(p.Parameter).DetachFromDisposeScope(), zeros_like(p.Parameter).DetachFromDisposeScope())).ToArray();
    }

    public void ZeroGrad()
    {
        foreach (var (p, _, _, _) in _state)
            p.grad?.zero_();
    }

    public void Step(double lr)
    {
        _step++;
        double c1 = 1 - Math.Pow(_beta1, _step);
        double c2 = 1 - Math.Pow(_beta2, _step);
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        foreach (var (p, decay, m, v) in _state)
        {
            if (p.grad is not { } g) continue;
            if (decay && _weightDecay > 0) p.mul_(1 - lr * _weightDecay);
            m.mul_(_beta1).add_(g, alpha: 1 - _beta1);
            v.mul_(_beta2).addcmul_(g, g, value: 1 - _beta2);
            var denom = (v / c2).sqrt_().add_(_eps);
            p.addcdiv_(m, denom, value: -lr / c1);
        }
    }

    public void Dispose()
    {
        foreach (var (_, _, m, v) in _state)
        {
            m.Dispose();
            v.Dispose();
        }
    }
}
