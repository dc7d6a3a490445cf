using System.Diagnostics;
using System.Runtime.InteropServices;
using MaPLe.Prompting;
using MaPLe.Training;
using MaPLe.Tuning;
using Microsoft.Extensions.Logging;
using static TorchSharp.torch;

namespace MaPLe.Evaluation;

/// <summary>
/// The evaluation loop: runs synchronously on the calling thread (EvaluateAsync gives it a dedicated one), without
/// gradients, with the class text features computed once per evaluation (except for image-conditioned methods).
/// </summary>
internal static class PromptEvaluator
{
    public static EvaluationReport Run(PromptTuner tuner, IBatchSource source, IProgress<EvaluationProgress>? progress, CancellationToken cancellationToken, string? dataset = null)
    {
        var clock = Stopwatch.StartNew();
        var learner = tuner.Learner;
        var classes = learner.ClassNames.ToList();
        var confusion = new ConfusionMatrix(classes.Count);
        int batches = source.BatchesPerEpoch;
        learner.SetTraining(false);
        using var noGrad = no_grad();
        // Owned by the tuner's cache: computed once here, reused by every batch.
        var textFeatures = learner.TextDependsOnImage ? null : tuner.TextFeatures();
        int done = 0;
        foreach (var batch in source.ReadEpoch(0, cancellationToken))
        {
            using (batch)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var (labels, predictions) = Classify(learner, batch, textFeatures);
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
        EvaluationLog.Evaluated(tuner.LoggerFactory.CreateLogger(typeof(PromptEvaluator).FullName!), dataset ?? "data", report.SampleCount,
            classes.Count, report.Accuracy, report.MacroF1, report.Seconds);
        return report;
    }

    private static (long[] Labels, long[] Predictions) Classify(IPromptLearner learner, LabeledBatch batch, Tensor? textFeatures)
    {
        using var scope = NewDisposeScope();
        var images = batch.Images.to(learner.Backbone.Device);
        var logits = learner.Forward(images, textFeatures).Logits;
        var predictions = logits.argmax(1).to(ScalarType.Int64).cpu().contiguous();
        var labels = batch.Labels.to(ScalarType.Int64).cpu().contiguous();
        return (MemoryMarshal.Cast<byte, long>(labels.bytes).ToArray(), MemoryMarshal.Cast<byte, long>(predictions.bytes).ToArray());
    }
}
