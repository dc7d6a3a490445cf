using MaPLe.Data;
using System.Diagnostics;
using System.Runtime.InteropServices;
using MaPLe.Prompting;
using MaPLe.Training;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using static TorchSharp.torch;

namespace MaPLe.Evaluation;

/// <summary>
/// Evaluates any <see cref="IPromptLearner"/> on a batch source: accuracy, macro-F1, per-class accuracy and the confusion
/// matrix. Runs on one dedicated thread, without gradients; the class text features come from the learner's cache, so
/// they are computed once per evaluation (except for image-conditioned methods). <c>PromptTuner.EvaluateAsync</c> is a
/// thin facade over it.
/// </summary>
public static class PromptEvaluator
{
    /// <summary>Classifies every batch of <paramref name="testData"/> over the learner's current classes.</summary>
    /// <exception cref="InvalidOperationException">The learner is already training or evaluating.</exception>
    public static Task<EvaluationReport> EvaluateAsync(IPromptLearner learner, IBatchSource testData, IProgress<EvaluationProgress>? progress = null,
        ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(learner);
        ArgumentNullException.ThrowIfNull(testData);
        LabelCheck.RequireKnown(testData, learner.ClassNames, nameof(testData));
        return LearnerJobs.RunAsync(learner, "EvaluateAsync", () => Run(learner, testData, progress, logger, cancellationToken), cancellationToken);
    }

    /// <summary>
    /// Evaluates <paramref name="target"/> over its own classes (the learner switches with
    /// <see cref="IPromptLearner.SetClassNames"/>, keeping the learned prompts) and switches back afterwards.
    /// </summary>
    /// <exception cref="InvalidOperationException">The learner is already training or evaluating.</exception>
    public static Task<EvaluationReport> EvaluateAsync(IPromptLearner learner, EvaluationTarget target, IProgress<EvaluationProgress>? progress = null,
        ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(learner);
        ArgumentNullException.ThrowIfNull(target);
        RequireLabels(target, nameof(target));
        return LearnerJobs.RunAsync(learner, "EvaluateAsync", () => Run(learner, target, progress, logger, cancellationToken), cancellationToken);
    }

    /// <summary>Checks the labels of <paramref name="target"/> against its own classes (before any job starts).</summary>
    internal static void RequireLabels(EvaluationTarget target, string paramName)
    {
        ArgumentNullException.ThrowIfNull(target, paramName);
        LabelCheck.RequireKnown(target.Data, target.ClassNames, paramName);
    }

    /// <summary>The evaluation of one target, synchronously on the calling thread (the caller holds the learner).</summary>
    internal static EvaluationReport Run(IPromptLearner learner, EvaluationTarget target, IProgress<EvaluationProgress>? progress, ILogger? logger,
        CancellationToken cancellationToken)
    {
        var previous = learner.ClassNames.ToList();
        bool switching = !previous.SequenceEqual(target.ClassNames, StringComparer.Ordinal);
        if (switching) learner.SetClassNames(target.ClassNames);
        try
        {
            return Run(learner, target.Data, progress, logger, cancellationToken, target.Name);
        }
        finally
        {
            if (switching) learner.SetClassNames(previous);
        }
    }

    /// <summary>The evaluation loop, synchronously on the calling thread (the caller holds the learner).</summary>
    internal static EvaluationReport Run(IPromptLearner learner, IBatchSource source, IProgress<EvaluationProgress>? progress, ILogger? logger,
        CancellationToken cancellationToken, string? dataset = null)
    {
        var clock = Stopwatch.StartNew();
        var classes = learner.ClassNames.ToList();
        var confusion = new ConfusionMatrix(classes.Count);
        int batches = source.BatchesPerEpoch;
        learner.SetTraining(false);
        using var noGrad = no_grad();
        int done = 0;
        foreach (var batch in source.ReadEpoch(0, cancellationToken))
        {
            using (batch)
            {
                cancellationToken.ThrowIfCancellationRequested();
                LabelCheck.RequireBatch(batch, 0, done + 1, classes);
                var (labels, predictions) = Classify(learner, batch);
                try
                {
                    confusion.Add(labels, predictions);
                }
                catch (ArgumentOutOfRangeException e)
                {
                    throw new InvalidOperationException($"Batch {done + 1}: {e.Message}", e);
                }
                done++;
                progress?.Report(new EvaluationProgress(done, batches, confusion.Total, confusion.Accuracy));
            }
        }
        var report = new EvaluationReport(classes, confusion, clock.Elapsed.TotalSeconds) { Dataset = dataset };
        EvaluationLog.Evaluated(logger ?? NullLogger.Instance, dataset ?? "data", report.SampleCount,
            classes.Count, report.Accuracy, report.MacroF1, report.Seconds);
        return report;
    }

    private static (long[] Labels, long[] Predictions) Classify(IPromptLearner learner, LabeledBatch batch)
    {
        using var scope = NewDisposeScope();
        var images = batch.Images.to(learner.Backbone.Device);
        var logits = learner.Forward(images).Logits;
        var predictions = logits.argmax(1).to(ScalarType.Int64).cpu().contiguous();
        var labels = batch.Labels.to(ScalarType.Int64).cpu().contiguous();
        return (MemoryMarshal.Cast<byte, long>(labels.bytes).ToArray(), MemoryMarshal.Cast<byte, long>(predictions.bytes).ToArray());
    }
}
