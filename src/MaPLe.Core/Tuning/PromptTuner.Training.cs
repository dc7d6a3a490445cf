using MaPLe.Data;
using MaPLe.Evaluation;
using MaPLe.Training;
using Microsoft.Extensions.Logging;
using static TorchSharp.torch;

namespace MaPLe.Tuning;

public sealed partial class PromptTuner
{
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
        var trainer = new PromptTrainer(Learner, ResolveTrainingOptions(options), LoggerFactory.CreateLogger<PromptTrainer>());
        return trainer.FitAsync(trainData, progress, cancellationToken);
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
        var resolved = ResolveTrainingOptions(options);
        var source = BatchSource.ForTraining(items, Preprocessing.Train, resolved.BatchSize, resolved.Seed!.Value, workers: resolved.DataWorkers);
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
        return PromptEvaluator.EvaluateAsync(Learner, testData, progress, EvaluatorLogger, cancellationToken);
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
        return EvaluateAsync(BatchSource.ForEvaluation(items, Preprocessing.Test, o.BatchSize, workers: o.DataWorkers), progress, cancellationToken);
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
        return PromptEvaluator.EvaluateAsync(Learner, target, progress, EvaluatorLogger, cancellationToken);
    }

    private ILogger EvaluatorLogger => LoggerFactory.CreateLogger(typeof(PromptEvaluator).FullName!);

    // The options a fit uses: the given ones (else the method's paper preset), validated, with the seed resolved
    // (the options', else the tuner's, else 1) so the data order and torch's RNG agree.
    private TrainingOptions ResolveTrainingOptions(TrainingOptions? options)
    {
        var resolved = (options ?? DefaultTrainingOptions()).Validate();
        return resolved with { Seed = resolved.Seed ?? (Seed is { } s ? unchecked((int)s) : 1) };
    }

    // The method's descriptor answers "which recipe?"; a method that does not train is refused by the trainer.
    private TrainingOptions DefaultTrainingOptions() => PromptMethods.DefaultTraining(Method);

    private void RequireClasses(IReadOnlyList<string> classNames, string source)
    {
        if (!ClassNames.SequenceEqual(classNames, StringComparer.Ordinal))
            throw new ArgumentException($"The tuner's classes [{string.Join(", ", ClassNames.Take(5))}{(ClassNames.Count > 5 ? ", ..." : "")}] are not those of '{source}' " +
                $"[{string.Join(", ", classNames.Take(5))}{(classNames.Count > 5 ? ", ..." : "")}]: call SetClassNames(dataset.ClassNames) first.");
    }
}
