using MaPLe.Clip.Modules;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MaPLe.Benchmarks.Reporting;

/// <summary>
/// Counts the floating-point operations of a CLIP's matrix products — linear layers (attention projections, MLP), the
/// attention products, the towers' projections and the patch embedding — from outside the model: <see cref="Attach"/>
/// registers forward hooks on those modules of a module tree and <see cref="Dispose"/> removes them, so a model nobody
/// counts runs no counting code. Each forward product is counted as it runs, together with the gradient products autograd
/// will run for what its recorded graph requires (the input and/or weight gradient of a product, the four products of
/// an attention's gradients): one forward pass counts a training step. Elementwise work (norms, activations, softmax)
/// is not counted: it is memory-bound and small next to the products. One multiply-add counts as two operations.
/// </summary>
/// <example>
/// <code>
/// using (var counter = FlopCounter.Attach(clip.Model))
/// {
///     learner.ComputeTrainingLoss(images, labels);
///     Console.WriteLine($"{counter.TotalFlops / 1e9:F1} GFLOP per step");
/// }
/// </code>
/// </example>
internal sealed class FlopCounter : IDisposable
{
    private readonly List<Action> _removals = [];
    private long _forward;
    private long _backward;

    private FlopCounter()
    {
    }

    /// <summary>Operations of the forward products.</summary>
    public long ForwardFlops => Interlocked.Read(ref _forward);

    /// <summary>Operations of the gradient products the recorded graphs will need in <c>backward()</c>.</summary>
    public long BackwardFlops => Interlocked.Read(ref _backward);

    /// <summary>Forward plus backward operations.</summary>
    public long TotalFlops => ForwardFlops + BackwardFlops;

    /// <summary>Starts counting the products of <paramref name="root"/> and every module below it, on any thread.</summary>
    public static FlopCounter Attach(nn.Module root)
    {
        ArgumentNullException.ThrowIfNull(root);
        var counter = new FlopCounter();
        foreach (var module in root.modules().Prepend(root).Distinct())
            counter.Observe(module);
        return counter;
    }

    private void Observe(nn.Module module)
    {
        switch (module)
        {
            case LinearProduct linear:
                _removals.Add(linear.register_forward_hook((_, x, weight, _, y) =>
                {
                    long din = weight.shape[1], dout = weight.shape[0];
                    CountProduct(2 * (x.numel() / din) * din * dout, x, weight);
                    return y;
                }).remove);
                break;
            case ScaledDotProductAttention attention:
                _removals.Add(attention.register_forward_hook((_, q, k, v, y) =>
                {
                    // Q·Kᵀ and weights·V; their gradients are four products of the same size.
                    long flops = 2 * 2 * q.shape[0] * q.shape[1] * q.shape[2] * k.shape[2] * q.shape[3];
                    Add(flops, NeedsGrad(q) || NeedsGrad(k) || NeedsGrad(v) ? 2 * flops : 0);
                    return y;
                }).remove);
                break;
            case MatrixProduct product:
                _removals.Add(product.register_forward_hook((_, rows, matrix, y) =>
                {
                    CountProduct(2 * rows.numel() * matrix.shape[1], rows, matrix);
                    return y;
                }).remove);
                break;
            case Conv2d convolution:
                _removals.Add(convolution.register_forward_hook((_, images, y) =>
                {
                    var weight = convolution.weight!;
                    CountProduct(2 * y.numel() * weight.shape[1] * weight.shape[2] * weight.shape[3], images, weight);
                    return y;
                }).remove);
                break;
        }
    }

    // A product of an input and a weight: its gradient products are as costly as it, one per operand that needs one.
    private void CountProduct(long flops, Tensor input, Tensor weight) =>
        Add(flops, (NeedsGrad(input) ? flops : 0) + (NeedsGrad(weight) ? flops : 0));

    private static bool NeedsGrad(Tensor t) => t.requires_grad && is_grad_enabled();

    private void Add(long forward, long backward)
    {
        Interlocked.Add(ref _forward, forward);
        Interlocked.Add(ref _backward, backward);
    }

    /// <summary>Stops counting: removes the hooks (the totals stay readable).</summary>
    public void Dispose()
    {
        foreach (var remove in _removals) remove();
        _removals.Clear();
    }
}
