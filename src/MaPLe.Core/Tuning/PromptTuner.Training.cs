using MaPLe.Data;
using MaPLe.Evaluation;
using MaPLe.Training;
using Microsoft.Extensions.Logging;
using static TorchSharp.torch;

namespace MaPLe.Tuning;

public sealed partial class PromptTuner
{
    private int _busy;

    /// <summary>
    /// Trains the prompts on <paramref name="trainData"/> with SGD (PyTorch semantics) and Dassl's cosine schedule with
    /// constant warm-up. The whole loop runs on one dedicated thread; the token is checked between steps (a cancelled
    /// run writes a checkpoint when <see cref="TrainingOptions.CheckpointDirectory"/> is set, then throws
    /// <see cref="OperationCanceledException"/>).
    /// </summary>
    /// <param name="trainData">The batches (see <see cref="BatchSource"/>).</param>
    /// <param name="options">Settings; null uses the paper preset of this tuner's method (<see cref="TrainingPresets.ForMethod"/>).</param>
    /// <param name="progress">Called on the training thread after every step.</param>
    /// <param name="cancellationToken">Stops training within one batch.</param>
    /// <exception cref="NonFiniteLossException">The loss or a gradient became NaN/Inf (prompts rolled back).</exception>
    /// <exception cref="TrainingCheckpointException">The checkpoint to resume from is missing or belongs to another run.</exception>
    /// <exception cref="InvalidOperationException">The tuner is already training or evaluating, or the method has nothing to train.</exception>
    public Task<TrainingResult> FitAsync(IBatchSource trainData, TrainingOptions? options = null,
        IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        ArgumentNullException.ThrowIfNull(trainData);
        var resolved = (options ?? DefaultTrainingOptions()).Validate();
        var logger = LoggerFactory.CreateLogger<PromptTrainer>();
        // The trainer sees a token cancelled before it starts too: it then writes the checkpoint at step 0, as promised.
        return RunExclusiveAsync(() => new PromptTrainer(this, trainData, resolved, progress, logger, cancellationToken).Run(), cancellationToken, checkFirst: false);
    }

    /// <summary>Trains on fixed in-memory batches, replayed in the same order every epoch (the caller keeps the tensors).</summary>
    public Task<TrainingResult> FitAsync(IEnumerable<(Tensor Images, Tensor Labels)> batches, TrainingOptions? options = null,
        IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default) =>
        FitAsync(BatchSource.FromBatches(batches ?? throw new ArgumentNullException(nameof(batches))), options, progress, cancellationToken);

    /// <summary>
    /// Trains on labelled images with upstream's training pipeline: decode, <c>ClipTrainTransform</c> at the backbone's
    /// resolution, shuffled batches of <see cref="TrainingOptions.BatchSize"/> seeded per epoch, drop_last when the data
    /// holds at least one batch. Labels index <see cref="ClassNames"/>.
    /// </summary>
    public Task<TrainingResult> FitAsync(IReadOnlyList<ImageItem> items, TrainingOptions? options = null,
        IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        ArgumentNullException.ThrowIfNull(items);
        var resolved = (options ?? DefaultTrainingOptions()).Validate();
        var source = BatchSource.ForTraining(items, Backbone.Config.Vision.ImageSize, resolved.BatchSize,
            PromptTrainer.ResolveSeed(resolved, this), workers: resolved.DataWorkers);
        return FitAsync(source, resolved, progress, cancellationToken);
    }

    /// <summary>
    /// Trains on a dataset's training split. The tuner's classes must be the dataset's (build it with
    /// <c>UseClassNames(dataset.ClassNames)</c> or call <see cref="SetClassNames"/>).
    /// </summary>
    /// <exception cref="ArgumentException">The tuner's classes differ from the dataset's.</exception>
    public Task<TrainingResult> FitAsync(IImageDataset dataset, TrainingOptions? options = null,
        IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        RequireClasses(dataset.ClassNames, dataset.Name);
        return FitAsync(dataset.Train, options, progress, cancellationToken);
    }

    /// <summary>
    /// Classifies every batch of <paramref name="testData"/> over the current classes and returns accuracy, macro-F1,
    /// per-class accuracy and the confusion matrix. Class text features are computed once (CoCoOp, whose text depends on
    /// the image, computes them per batch). Runs on one dedicated thread.
    /// </summary>
    public Task<EvaluationReport> EvaluateAsync(IBatchSource testData, IProgress<EvaluationProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        ArgumentNullException.ThrowIfNull(testData);
        return RunExclusiveAsync(() => PromptEvaluator.Run(this, testData, progress, cancellationToken), cancellationToken);
    }

    /// <summary>Evaluates in-memory batches (the caller keeps the tensors).</summary>
    public Task<EvaluationReport> EvaluateAsync(IEnumerable<(Tensor Images, Tensor Labels)> batches, IProgress<EvaluationProgress>? progress = null,
        CancellationToken cancellationToken = default) =>
        EvaluateAsync(BatchSource.FromBatches(batches ?? throw new ArgumentNullException(nameof(batches))), progress, cancellationToken);

    /// <summary>Evaluates labelled images with upstream's test pipeline (<c>ClipTestTransform</c>, in order, batches of 100).</summary>
    public Task<EvaluationReport> EvaluateAsync(IReadOnlyList<ImageItem> items, EvaluationOptions? options = null,
        IProgress<EvaluationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        ArgumentNullException.ThrowIfNull(items);
        var o = (options ?? new EvaluationOptions()).Validate();
        return EvaluateAsync(BatchSource.ForEvaluation(items, Backbone.Config.Vision.ImageSize, o.BatchSize, workers: o.DataWorkers), progress, cancellationToken);
    }

    /// <summary>
    /// Evaluates <paramref name="target"/> over its own classes (switching with <see cref="SetClassNames"/>, keeping the
    /// learned prompts) and switches back to the current classes afterwards.
    /// </summary>
    public Task<EvaluationReport> EvaluateAsync(EvaluationTarget target, IProgress<EvaluationProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        ArgumentNullException.ThrowIfNull(target);
        return RunExclusiveAsync(() =>
        {
            var previous = ClassNames.ToList();
            bool switching = !previous.SequenceEqual(target.ClassNames, StringComparer.Ordinal);
            if (switching) SetClassNames(target.ClassNames);
            try
            {
                return PromptEvaluator.Run(this, target.Data, progress, cancellationToken, target.Name);
            }
            finally
            {
                if (switching) SetClassNames(previous);
            }
        }, cancellationToken);
    }

    private TrainingOptions DefaultTrainingOptions()
    {
        try { return TrainingPresets.ForMethod(Method); }
        catch (ArgumentException) { return new TrainingOptions(); }
    }

    private void RequireClasses(IReadOnlyList<string> classNames, string source)
    {
        if (!ClassNames.SequenceEqual(classNames, StringComparer.Ordinal))
            throw new ArgumentException($"The tuner's classes [{string.Join(", ", ClassNames.Take(5))}{(ClassNames.Count > 5 ? ", ..." : "")}] are not those of '{source}' " +
                $"[{string.Join(", ", classNames.Take(5))}{(classNames.Count > 5 ? ", ..." : "")}]: call SetClassNames(dataset.ClassNames) first.");
    }

    // TorchSharp's dispose scopes and grad mode are per thread and do not follow await: the whole job runs synchronously
    // on one long-running thread. One job at a time per tuner (training and evaluation share the learner's state).
    private Task<T> RunExclusiveAsync<T>(Func<T> job, CancellationToken cancellationToken, bool checkFirst = true)
    {
        if (Interlocked.CompareExchange(ref _busy, 1, 0) != 0)
            throw new InvalidOperationException("This tuner is already training or evaluating; wait for that to finish first.");
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
            Volatile.Write(ref _busy, 0);
            if (error is OperationCanceledException && cancellationToken.IsCancellationRequested)
                completion.SetCanceled(cancellationToken);
            else if (error is not null)
                completion.SetException(error);
            else
                completion.SetResult(result);
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        return completion.Task;
    }
}
