using System.Runtime.CompilerServices;

namespace MaPLe.Prompting;

/// <summary>
/// One job at a time per learner: training, evaluation and the facade's reads and writes of the prompt state claim the
/// learner first, and a second claim fails with a clear <see cref="InvalidOperationException"/> instead of racing on the
/// same parameters. Long jobs run synchronously on one dedicated thread, because TorchSharp's dispose scopes and grad
/// mode are per thread and do not follow <c>await</c>.
/// </summary>
internal static class LearnerJobs
{
    private static readonly ConditionalWeakTable<IPromptLearner, Claim> Claims = new();

    /// <summary>Whether a job holds <paramref name="learner"/> now.</summary>
    public static bool IsBusy(IPromptLearner learner) => Claims.TryGetValue(learner, out _);

    /// <summary>Claims <paramref name="learner"/> for <paramref name="what"/> until the returned handle is disposed.</summary>
    /// <exception cref="InvalidOperationException">Another job holds the learner.</exception>
    public static IDisposable Enter(IPromptLearner learner, string what)
    {
        ArgumentNullException.ThrowIfNull(learner);
        var claim = new Claim(learner, what);
        if (!Claims.TryAdd(learner, claim))
        {
            string running = Claims.TryGetValue(learner, out var other) ? other.What : "another job";
            throw new InvalidOperationException(
                $"{what} cannot run while {running} is running on the same {learner.Method} prompts; await that task first.");
        }
        return claim;
    }

    /// <summary>
    /// Claims <paramref name="learner"/> (throwing at once when it is busy), runs <paramref name="job"/> on a dedicated
    /// thread and releases the claim before the task completes.
    /// </summary>
    /// <param name="learner">The learner to claim.</param>
    /// <param name="what">The job's name, for the message when the learner is busy.</param>
    /// <param name="job">The work.</param>
    /// <param name="cancellationToken">Cancels the job.</param>
    /// <param name="checkFirst">
    /// Whether a token cancelled before the job starts skips it; false for jobs that handle cancellation themselves
    /// (training writes its checkpoint even then).
    /// </param>
    public static Task<T> RunAsync<T>(IPromptLearner learner, string what, Func<T> job, CancellationToken cancellationToken, bool checkFirst = true)
    {
        var claim = Enter(learner, what);
        var completion = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        Task.Factory.StartNew(() =>
        {
            T result = default!;
            Exception? error = null;
            try
            {
                if (checkFirst)
                    cancellationToken.ThrowIfCancellationRequested();
                result = job();
            }
            catch (Exception e)
            {
                error = e;
            }
            claim.Dispose();
            if (error is OperationCanceledException && cancellationToken.IsCancellationRequested)
                completion.SetCanceled(cancellationToken);
            else if (error is not null)
                completion.SetException(error);
            else
                completion.SetResult(result);
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        return completion.Task;
    }

    private sealed class Claim(IPromptLearner learner, string what) : IDisposable
    {
        private int _released;

        public string What { get; } = what;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
                Claims.Remove(learner);
        }
    }
}
