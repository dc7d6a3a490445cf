using MaPLe.Data;
using MaPLe.Tuning;

namespace MaPLe.Evaluation;

/// <summary>
/// The papers' evaluation protocols over one trained tuner (reference §3.6): base-to-novel generalization, and
/// cross-dataset transfer / domain generalization. Each target is evaluated over its own classes (the tuner switches
/// with <c>SetClassNames</c>, keeping the learned prompts) and the tuner's classes are restored afterwards.
/// </summary>
public static class ProtocolEvaluation
{
    /// <summary>Evaluates the base and the novel classes and returns B, N and HM = 2BN/(B+N).</summary>
    public static async Task<Base2NovelResult> EvaluateBase2NovelAsync(this PromptTuner tuner, EvaluationTarget baseClasses, EvaluationTarget novelClasses,
        IProgress<EvaluationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tuner);
        ArgumentNullException.ThrowIfNull(baseClasses);
        ArgumentNullException.ThrowIfNull(novelClasses);
        var @base = await tuner.EvaluateAsync(baseClasses, progress, cancellationToken).ConfigureAwait(false);
        var novel = await tuner.EvaluateAsync(novelClasses, progress, cancellationToken).ConfigureAwait(false);
        return new Base2NovelResult(@base, novel);
    }

    /// <summary>
    /// Base-to-novel on datasets opened with <c>Subsample = ClassSubset.Base</c> and <c>ClassSubset.Novel</c> (their test
    /// splits, upstream's test pipeline at the backbone's resolution).
    /// </summary>
    public static Task<Base2NovelResult> EvaluateBase2NovelAsync(this PromptTuner tuner, IImageDataset baseDataset, IImageDataset novelDataset,
        EvaluationOptions? options = null, IProgress<EvaluationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tuner);
        int resolution = tuner.Backbone.Config.Vision.ImageSize;
        return tuner.EvaluateBase2NovelAsync(EvaluationTarget.FromDataset(baseDataset, resolution, options),
            EvaluationTarget.FromDataset(novelDataset, resolution, options), progress, cancellationToken);
    }

    /// <summary>
    /// Cross-dataset transfer or domain generalization: evaluates the tuner on its source data (optional) and on every
    /// target, each over its own classes. <paramref name="method"/> names the row in <see cref="ResultsTable"/>.
    /// </summary>
    public static async Task<TransferResult> EvaluateTransferAsync(this PromptTuner tuner, string method, EvaluationTarget? source,
        IEnumerable<EvaluationTarget> targets, IProgress<EvaluationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tuner);
        ArgumentException.ThrowIfNullOrWhiteSpace(method);
        ArgumentNullException.ThrowIfNull(targets);
        var targetList = targets.ToList();
        if (targetList.Count == 0)
            throw new ArgumentException("At least one target is needed.", nameof(targets));
        EvaluationReport? sourceReport = source is null ? null : await tuner.EvaluateAsync(source, progress, cancellationToken).ConfigureAwait(false);
        var reports = new List<EvaluationReport>(targetList.Count);
        foreach (var target in targetList)
            reports.Add(await tuner.EvaluateAsync(target, progress, cancellationToken).ConfigureAwait(false));
        return new TransferResult(method, sourceReport, reports);
    }

    /// <summary>Cross-dataset transfer / domain generalization on datasets' test splits (all classes).</summary>
    public static Task<TransferResult> EvaluateTransferAsync(this PromptTuner tuner, string method, IImageDataset? source,
        IEnumerable<IImageDataset> targets, EvaluationOptions? options = null, IProgress<EvaluationProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tuner);
        ArgumentNullException.ThrowIfNull(targets);
        int resolution = tuner.Backbone.Config.Vision.ImageSize;
        return tuner.EvaluateTransferAsync(method, source is null ? null : EvaluationTarget.FromDataset(source, resolution, options),
            targets.Select(t => EvaluationTarget.FromDataset(t, resolution, options)).ToList(), progress, cancellationToken);
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
