using static TorchSharp.torch;

namespace MaPLe.Prompting;

/// <summary>
/// The one cache of class text features <c>[C, d]</c>: holds the features computed for one prompt-state version and
/// recomputes them when asked for another (<see cref="IPromptLearner.PromptVersion"/>), so a cache can never be stale
/// and no code invalidates it by hand. Used on one thread at a time (the learner's).
/// </summary>
internal sealed class ClassTextFeatureCache : IDisposable
{
    private Tensor? _features;
    private long _version;

    /// <summary>
    /// The features for <paramref name="version"/>, computed by <paramref name="compute"/> (without gradient) when the
    /// cached ones belong to another version. Returns a new handle on the cached storage: the caller owns the handle
    /// (dispose it or let a dispose scope do it); the storage stays cached.
    /// </summary>
    public Tensor Get(long version, Func<Tensor> compute)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_features is null || _version != version)
        {
            Tensor fresh;
            using (var scope = NewDisposeScope())
            using (no_grad())
                fresh = compute().detach().MoveToOuterDisposeScope();
            fresh.DetachFromDisposeScope();
            _features?.Dispose();
            _features = fresh;
            _version = version;
        }
        return _features.detach();
    }

    private bool _disposed;

    /// <summary>Frees the cached features.</summary>
    public void Dispose()
    {
        _disposed = true;
        _features?.Dispose();
        _features = null;
    }
}
