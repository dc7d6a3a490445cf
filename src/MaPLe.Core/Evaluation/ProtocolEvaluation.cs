using MaPLe.Data;
using MaPLe.Prompting;
using Microsoft.Extensions.Logging;

namespace MaPLe.Evaluation;

/// <summary>
/// The papers' evaluation protocols over one trained prompt learner (reference §3.6): base-to-novel generalization, and
/// cross-dataset transfer / domain generalization. Each target is evaluated over its own classes (the learner switches
/// with <see cref="IPromptLearner.SetClassNames"/>, keeping the learned prompts) and its classes are restored afterwards.
/// The whole protocol is one job on the learner's dedicated thread. <c>PromptTuner</c> has the same methods.
/// </summary>
public static class ProtocolEvaluation
{
    /// <summary>Evaluates the base and the novel classes and returns B, N and HM = 2BN/(B+N).</summary>
    public static Task<Base2NovelResult> EvaluateBase2NovelAsync(this IPromptLearner learner, EvaluationTarget baseClasses, EvaluationTarget novelClasses,
        IProgress<EvaluationProgress>? progress = null, ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(learner);
        ArgumentNullException.ThrowIfNull(baseClasses);
        ArgumentNullException.ThrowIfNull(novelClasses);
        PromptEvaluator.RequireLabels(baseClasses, nameof(baseClasses));
        PromptEvaluator.RequireLabels(novelClasses, nameof(novelClasses));
        return LearnerJobs.RunAsync(learner, "EvaluateBase2NovelAsync", () => new Base2NovelResult(
            PromptEvaluator.Run(learner, baseClasses, progress, logger, cancellationToken),
            PromptEvaluator.Run(learner, novelClasses, progress, logger, cancellationToken)), cancellationToken);
    }

    /// <summary>
    /// Base-to-novel on datasets opened with <c>Subsample = ClassSubset.Base</c> and <c>ClassSubset.Novel</c> (their test
    /// splits, upstream's test pipeline at the backbone's resolution).
    /// </summary>
    public static Task<Base2NovelResult> EvaluateBase2NovelAsync(this IPromptLearner learner, IImageDataset baseDataset, IImageDataset novelDataset,
        EvaluationOptions? options = null, IProgress<EvaluationProgress>? progress = null, ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(learner);
        int resolution = learner.Backbone.Config.Vision.ImageSize;
        return learner.EvaluateBase2NovelAsync(EvaluationTarget.FromDataset(baseDataset, resolution, options),
            EvaluationTarget.FromDataset(novelDataset, resolution, options), progress, logger, cancellationToken);
    }

    /// <summary>
    /// Cross-dataset transfer or domain generalization: evaluates the learner on its source data (optional) and on every
    /// target, each over its own classes. <paramref name="method"/> names the row in <see cref="ResultsTable"/>.
    /// </summary>
    public static Task<TransferResult> EvaluateTransferAsync(this IPromptLearner learner, string method, EvaluationTarget? source,
        IEnumerable<EvaluationTarget> targets, IProgress<EvaluationProgress>? progress = null, ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(learner);
        ArgumentException.ThrowIfNullOrWhiteSpace(method);
        ArgumentNullException.ThrowIfNull(targets);
        var targetList = targets.ToList();
        if (targetList.Count == 0)
            throw new ArgumentException("At least one target is needed.", nameof(targets));
        if (source is not null)
            PromptEvaluator.RequireLabels(source, nameof(source));
        foreach (var target in targetList)
            PromptEvaluator.RequireLabels(target, nameof(targets));
        return LearnerJobs.RunAsync(learner, "EvaluateTransferAsync", () =>
        {
            var sourceReport = source is null ? null : PromptEvaluator.Run(learner, source, progress, logger, cancellationToken);
            var reports = targetList.Select(t => PromptEvaluator.Run(learner, t, progress, logger, cancellationToken)).ToList();
            return new TransferResult(method, sourceReport, reports);
        }, cancellationToken);
    }

    /// <summary>Cross-dataset transfer / domain generalization on datasets' test splits (all classes).</summary>
    public static Task<TransferResult> EvaluateTransferAsync(this IPromptLearner learner, string method, IImageDataset? source,
        IEnumerable<IImageDataset> targets, EvaluationOptions? options = null, IProgress<EvaluationProgress>? progress = null,
        ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(learner);
        ArgumentNullException.ThrowIfNull(targets);
        int resolution = learner.Backbone.Config.Vision.ImageSize;
        return learner.EvaluateTransferAsync(method, source is null ? null : EvaluationTarget.FromDataset(source, resolution, options),
            targets.Select(t => EvaluationTarget.FromDataset(t, resolution, options)).ToList(), progress, logger, cancellationToken);
    }
}

/// <summary>One method's row of a cross-dataset or domain-generalization table.</summary>
/// <param name="Method">Row name.</param>
/// <param name="Source">Accuracy on the source data set, when evaluated.</param>
/// <param name="Targets">Each target's report (<see cref="EvaluationReport.Dataset"/> names the column).</param>
public sealed record TransferResult(string Method, EvaluationReport? Source, IReadOnlyList<EvaluationReport> Targets)
{
    /// <summary>Mean target accuracy (the papers' "Average" column, source excluded).</summary>
    public double TargetAverage => Targets.Count == 0 ? double.NaN : Targets.Average(t => t.Accuracy);
}

/// <summary>One method's base-to-novel results over several datasets.</summary>
/// <param name="Method">Row name.</param>
/// <param name="Results">Per dataset.</param>
public sealed record Base2NovelRow(string Method, IReadOnlyList<(string Dataset, Base2NovelResult Result)> Results)
{
    /// <summary>Mean base accuracy over the datasets.</summary>
    public double AverageBase => Results.Average(r => r.Result.BaseAccuracy);

    /// <summary>Mean novel accuracy over the datasets.</summary>
    public double AverageNovel => Results.Average(r => r.Result.NovelAccuracy);

    /// <summary>HM of the averages (how the papers compute the "Average" HM).</summary>
    public double AverageHarmonicMean => Metrics.HarmonicMean(AverageBase, AverageNovel);
}
