using MaPLe.Prompting;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MaPLe.Training;

/// <summary>
/// Stochastic gradient descent as PyTorch's <c>torch.optim.SGD</c> (single-tensor path) computes it:
/// <c>d = g + wd·p</c>; momentum buffer <c>b = d</c> on a parameter's first step, else <c>b = μ·b + (1 − τ)·d</c>;
/// <c>d = d + μ·b</c> with Nesterov, else <c>d = b</c>; <c>p = p − lr·d</c>. Parameters without a gradient are skipped.
/// The update is TorchSharp's <c>torch.optim.SGD</c>, whose rule is PyTorch's (the trajectory fixture holds with it);
/// this class adds what TorchSharp lacks for resumable prompt training: momentum buffers named after their
/// parameters (TorchSharp keys its state by native handle and serialises it in its own binary format, not by name into
/// a checkpoint), a snapshot to undo a diverged step, and the learner's prompt version.
/// </summary>
public sealed class SgdOptimizer : IDisposable
{
    private readonly (string Name, Parameter Parameter)[] _parameters;
    private readonly TorchSharp.Modules.SGD _sgd;
    private readonly TorchSharp.Modules.SGD.State[] _states;
    private Tensor[]? _snapshotParameters;
    private Tensor?[]? _snapshotBuffers;
    private bool[]? _snapshotHasBuffer;
    private readonly IPromptLearner? _learner;
    private bool _disposed;

    /// <summary>
    /// Creates the optimizer over a learner's trainable parameters (<see cref="IPromptLearner.StateDict"/>); every step
    /// advances the learner's <see cref="IPromptLearner.PromptVersion"/>, so its cached class text features follow.
    /// </summary>
    /// <exception cref="ArgumentException">Invalid hyper-parameters.</exception>
    public SgdOptimizer(IPromptLearner learner, double momentum = 0.9, double weightDecay = 5e-4, double dampening = 0, bool nesterov = false)
        : this((learner ?? throw new ArgumentNullException(nameof(learner))).StateDict(), momentum, weightDecay, dampening, nesterov)
    {
        _learner = learner;
    }

    /// <summary>Creates the optimizer over named parameters (e.g. a learner's <c>StateDict()</c>).</summary>
    /// <exception cref="ArgumentException">Duplicate names or invalid hyper-parameters.</exception>
    public SgdOptimizer(IEnumerable<KeyValuePair<string, Tensor>> parameters, double momentum = 0.9, double weightDecay = 5e-4,
        double dampening = 0, bool nesterov = false)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        _parameters = parameters.Select(kv => (kv.Key, kv.Value as Parameter
            ?? throw new ArgumentException($"'{kv.Key}' is a plain tensor; the optimizer updates Parameters (wrap it: new Parameter(tensor)).", nameof(parameters))))
            .ToArray();
        var dupes = _parameters.GroupBy(p => p.Name, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (dupes.Count > 0)
            throw new ArgumentException($"Duplicate parameter names: {string.Join(", ", dupes)}.", nameof(parameters));
        if (!(momentum >= 0) || !double.IsFinite(momentum)) throw new ArgumentOutOfRangeException(nameof(momentum), momentum, "Must be ≥ 0.");
        if (!(weightDecay >= 0) || !double.IsFinite(weightDecay)) throw new ArgumentOutOfRangeException(nameof(weightDecay), weightDecay, "Must be ≥ 0.");
        if (!(dampening >= 0 && dampening <= 1)) throw new ArgumentOutOfRangeException(nameof(dampening), dampening, "Must lie in [0, 1].");
        if (nesterov && (momentum <= 0 || dampening != 0))
            throw new ArgumentException("Nesterov momentum requires a momentum and zero dampening.", nameof(nesterov));
        Momentum = momentum;
        WeightDecay = weightDecay;
        Dampening = dampening;
        Nesterov = nesterov;
        // The rate is set before every step (the schedule changes it).
        _sgd = new TorchSharp.Modules.SGD(_parameters.Select(p => p.Parameter), 0.0, momentum, dampening, weightDecay, nesterov);
        _states = _sgd.state_dict().State.Cast<TorchSharp.Modules.SGD.State>().ToArray();
    }

    /// <summary>Momentum factor μ.</summary>
    public double Momentum { get; }

    /// <summary>Weight decay, added to the gradient.</summary>
    public double WeightDecay { get; }

    /// <summary>Dampening τ.</summary>
    public double Dampening { get; }

    /// <summary>Whether Nesterov momentum is used.</summary>
    public bool Nesterov { get; }

    /// <summary>Clears gradients (sets them to none, as PyTorch's default <c>zero_grad</c>).</summary>
    public void ZeroGrad()
    {
        ThrowIfDisposed();
        foreach (var (_, p) in _parameters)
        {
            using var g = p.grad;
            if (g is not null)
                p.grad = null;
        }
    }

    /// <summary>One update at <paramref name="learningRate"/> with the gradients currently stored on the parameters.</summary>
    public void Step(double learningRate)
    {
        ThrowIfDisposed();
        if (!(learningRate >= 0) || !double.IsFinite(learningRate))
            throw new ArgumentOutOfRangeException(nameof(learningRate), learningRate, "Must be finite and ≥ 0.");
        foreach (var group in _sgd.ParamGroups)
            group.LearningRate = learningRate;
        using (var scope = NewDisposeScope())
        using (no_grad())
            _sgd.step();
        _learner?.NotifyParametersChanged();
    }

    /// <summary>The gradients present now, in parameter order (parameters without one are left out).</summary>
    internal IReadOnlyList<Tensor> Gradients() => NamedGradients().Select(g => g.Gradient).ToList();

    /// <summary>The gradients present now with their parameters' names.</summary>
    internal IEnumerable<(string Name, Tensor Gradient)> NamedGradients()
    {
        foreach (var (name, p) in _parameters)
            if (p.grad is { } g)
                yield return (name, g);
    }

    /// <summary>
    /// The momentum buffers that exist so far, keyed by parameter name (live tensors owned by the optimizer: copy them
    /// to keep them).
    /// </summary>
    public IReadOnlyDictionary<string, Tensor> MomentumBuffers()
    {
        ThrowIfDisposed();
        var result = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        for (int i = 0; i < _parameters.Length; i++)
            if (_states[i].momentum_buffer is { } b)
                result[_parameters[i].Name] = b;
        return result;
    }

    /// <summary>
    /// Replaces the momentum buffers by copies of <paramref name="buffers"/> (names absent from it get no buffer, as
    /// before their first step).
    /// </summary>
    /// <exception cref="ArgumentException">An unknown name or a wrong shape; the message lists them.</exception>
    public void LoadMomentumBuffers(IReadOnlyDictionary<string, Tensor> buffers)
    {
        ThrowIfDisposed();
        ArgumentNullException.ThrowIfNull(buffers);
        var index = _parameters.Select((p, i) => (p.Name, i)).ToDictionary(t => t.Name, t => t.i, StringComparer.Ordinal);
        var unknown = buffers.Keys.Where(k => !index.ContainsKey(k)).ToList();
        var wrong = buffers.Where(kv => index.TryGetValue(kv.Key, out var i) && !kv.Value.shape.SequenceEqual(_parameters[i].Parameter.shape))
            .Select(kv => kv.Key).ToList();
        if (unknown.Count > 0 || wrong.Count > 0)
            throw new ArgumentException($"Momentum buffers do not match the parameters: unknown [{string.Join(", ", unknown)}], wrong shape [{string.Join(", ", wrong)}].", nameof(buffers));
        for (int i = 0; i < _states.Length; i++)
        {
            _states[i].momentum_buffer?.Dispose();
            _states[i].momentum_buffer = null!;
            if (buffers.TryGetValue(_parameters[i].Name, out var source))
            {
                var p = _parameters[i].Parameter;
                using var scope = NewDisposeScope();
                _states[i].momentum_buffer = source.detach().to(p.dtype, p.device).clone().DetachFromDisposeScope();
            }
        }
    }

    /// <summary>
    /// Remembers the parameters and momentum buffers (copied into tensors allocated once), so a diverged step can be
    /// undone with <see cref="RestoreSnapshot"/>.
    /// </summary>
    internal void CaptureSnapshot()
    {
        ThrowIfDisposed();
        using var _ = no_grad();
        _snapshotParameters ??= new Tensor[_parameters.Length];
        _snapshotBuffers ??= new Tensor?[_parameters.Length];
        _snapshotHasBuffer ??= new bool[_parameters.Length];
        for (int i = 0; i < _parameters.Length; i++)
        {
            _snapshotParameters[i] = CopyInto(_snapshotParameters[i], _parameters[i].Parameter);
            _snapshotHasBuffer[i] = _states[i].momentum_buffer is not null;
            if (_states[i].momentum_buffer is { } b)
                _snapshotBuffers[i] = CopyInto(_snapshotBuffers[i], b);
        }
    }

    /// <summary>Puts back what <see cref="CaptureSnapshot"/> remembered; false when nothing was captured.</summary>
    internal bool RestoreSnapshot()
    {
        ThrowIfDisposed();
        if (_snapshotParameters is null || _snapshotBuffers is null || _snapshotHasBuffer is null)
            return false;
        using var _ = no_grad();
        for (int i = 0; i < _parameters.Length; i++)
        {
            _parameters[i].Parameter.copy_(_snapshotParameters[i]);
            if (_snapshotHasBuffer[i])
            {
                _states[i].momentum_buffer = CopyInto(_states[i].momentum_buffer, _snapshotBuffers[i]!);
            }
            else
            {
                _states[i].momentum_buffer?.Dispose();
                _states[i].momentum_buffer = null!;
            }
        }
        _learner?.NotifyParametersChanged();
        return true;
    }

    // Copies into an existing tensor of the same shape, or allocates one the first time (outside any dispose scope).
    private static Tensor CopyInto(Tensor? destination, Tensor source)
    {
        if (destination is not null)
        {
            destination.copy_(source);
            return destination;
        }
        using var scope = NewDisposeScope();
        return source.detach().clone().DetachFromDisposeScope();
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);

    /// <summary>Frees the momentum buffers (the parameters belong to their module).</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _sgd.Dispose();   // frees the momentum buffers
        foreach (var t in _snapshotParameters ?? [])
            t?.Dispose();
        foreach (var t in _snapshotBuffers ?? [])
            t?.Dispose();
    }
}
