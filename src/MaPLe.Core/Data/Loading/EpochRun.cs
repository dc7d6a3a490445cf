namespace MaPLe.Data.Loading;

/// <summary>
/// The worker threads of one epoch. Workers claim batch numbers in increasing order, but only while fewer than the
/// prefetch depth are prepared and not yet taken; the consumer takes them strictly in order. Because claims are ordered,
/// the batch the consumer waits for is always claimed before any later one, so the bounded window cannot deadlock.
/// </summary>
internal sealed class EpochRun<T> : IDisposable
{
    private readonly Func<int, CancellationToken, T> _prepare;
    private readonly TaskCompletionSource<T>[] _results;
    private readonly SemaphoreSlim _slots;
    private readonly CancellationTokenSource _stop;
    private readonly CancellationToken _consumerToken;
    private readonly Thread[] _threads;
    private readonly Action<T> _release;
    private readonly bool[] _taken;
    private int _next = -1;
    private bool _disposed;

    public EpochRun(int batchCount, int workers, int prefetch, Func<int, CancellationToken, T> prepare, Action<T> release, CancellationToken cancellationToken)
    {
        _prepare = prepare;
        _release = release;
        _taken = new bool[batchCount];
        _consumerToken = cancellationToken;
        _results = new TaskCompletionSource<T>[batchCount];
        for (int i = 0; i < batchCount; i++)
            _results[i] = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        _slots = new SemaphoreSlim(prefetch, prefetch);
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _threads = new Thread[Math.Min(workers, batchCount)];
        for (int t = 0; t < _threads.Length; t++)
        {
            _threads[t] = new Thread(Work) { IsBackground = true, Name = $"MaPLe image loader {t}" };
            _threads[t].Start();
        }
    }

    /// <summary>Blocks until batch <paramref name="index"/> is ready; rethrows a worker's exception for that batch.</summary>
    public T Take(int index)
    {
        _consumerToken.ThrowIfCancellationRequested(); // also when the batch is ready: cancelling stops at the next batch
        var task = _results[index].Task;
        try
        {
            task.Wait(_consumerToken);
        }
        catch (AggregateException)
        {
            // Rethrown unwrapped below.
        }
        var batch = task.GetAwaiter().GetResult();
        _taken[index] = true;
        _slots.Release();
        return batch;
    }

    private void Work()
    {
        var token = _stop.Token;
        try
        {
            while (true)
            {
                _slots.Wait(token);
                int j = Interlocked.Increment(ref _next);
                if (j >= _results.Length)
                    return;
                try
                {
                    _results[j].TrySetResult(_prepare(j, token));
                }
                catch (OperationCanceledException) when (token.IsCancellationRequested)
                {
                    _results[j].TrySetCanceled(token);
                    return;
                }
                catch (Exception e)
                {
                    // The consumer sees the error when it reaches this batch; every earlier batch is claimed already and
                    // finishes on the other workers, so this worker can stop.
                    _results[j].TrySetException(e);
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped while waiting for a slot.
        }
    }

    /// <summary>Stops the workers, waits for them, and releases the batches nobody took.</summary>
    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        _stop.Cancel();
        foreach (var thread in _threads)
            thread.Join();
        for (int i = 0; i < _results.Length; i++)
            if (!_taken[i] && _results[i].Task.IsCompletedSuccessfully)
                _release(_results[i].Task.Result);
        _stop.Dispose();
        _slots.Dispose();
    }
}
