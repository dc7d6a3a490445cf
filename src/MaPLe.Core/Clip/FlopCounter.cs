namespace MaPLe.Clip;

/// <summary>
/// Counts the floating-point operations of the CLIP modules' matrix products (linear layers, attention products, patch
/// embedding, projections) executed on the current thread while it is active: the forward products as they run, and
/// the products autograd will run for the gradients the recorded graph requires (input and/or weight gradients of each
/// linear layer, the four gradient products of attention). Elementwise work (norms, activations, softmax) is not counted:
/// it is memory-bound and small next to the products. One multiply-add counts as two operations.
/// </summary>
/// <example>
/// <code>
/// using var counter = FlopCounter.Start();
/// var loss = learner.Loss(images, labels);
/// Console.WriteLine($"{counter.TotalFlops / 1e9:F1} GFLOP per step");
/// </code>
/// </example>
public sealed class FlopCounter : IDisposable
{
    [ThreadStatic] private static FlopCounter? _current;
    private readonly FlopCounter? _outer;
    private bool _disposed;

    private FlopCounter(FlopCounter? outer) => _outer = outer;

    /// <summary>Starts counting on this thread (counters nest: an inner counter's work is also added to the outer one).</summary>
    public static FlopCounter Start() => _current = new FlopCounter(_current);

    /// <summary>Operations of the forward products.</summary>
    public long ForwardFlops { get; private set; }

    /// <summary>Operations of the gradient products the recorded graph will need in <c>backward()</c>.</summary>
    public long BackwardFlops { get; private set; }

    /// <summary>Forward plus backward operations.</summary>
    public long TotalFlops => ForwardFlops + BackwardFlops;

    internal static bool Active => _current is not null;

    internal static void Add(long forward, long backward)
    {
        for (var c = _current; c is not null; c = c._outer)
        {
            c.ForwardFlops += forward;
            c.BackwardFlops += backward;
        }
    }

    /// <summary>Stops counting (the totals stay readable).</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        if (ReferenceEquals(_current, this)) _current = _outer;
    }
}
