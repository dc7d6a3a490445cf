namespace MaPLe.Training;

/// <summary>
/// An <see cref="IProgress{T}"/> that reports on the calling thread, in order. <see cref="Progress{T}"/> posts to the
/// thread pool when there is no synchronization context (console apps), so lines can arrive late or reordered.
/// </summary>
/// <typeparam name="T">The progress type.</typeparam>
public sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
{
    private readonly Action<T> _report = report ?? throw new ArgumentNullException(nameof(report));

    /// <inheritdoc />
    public void Report(T value) => _report(value);
}
