using MaPLe.Data;
using MaPLe.Evaluation;

namespace MaPLe.Tuning;

public sealed partial class PromptTuner
{
    /// <summary>Evaluates the base and the novel classes and returns B, N and HM = 2BN/(B+N) (see <see cref="ProtocolEvaluation"/>).</summary>
    public Task<Base2NovelResult> EvaluateBase2NovelAsync(EvaluationTarget baseClasses, EvaluationTarget novelClasses,
        IProgress<EvaluationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        return Learner.EvaluateBase2NovelAsync(baseClasses, novelClasses, progress, EvaluatorLogger, cancellationToken);
    }

    /// <summary>
    /// Base-to-novel on datasets opened with <c>Subsample = ClassSubset.Base</c> and <c>ClassSubset.Novel</c> (their test
    /// splits, upstream's test pipeline at the backbone's resolution).
    /// </summary>
    public Task<Base2NovelResult> EvaluateBase2NovelAsync(IImageDataset baseDataset, IImageDataset novelDataset,
        EvaluationOptions? options = null, IProgress<EvaluationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        return Learner.EvaluateBase2NovelAsync(EvaluationTarget.FromDataset(baseDataset, Preprocessing.Test, options),
            EvaluationTarget.FromDataset(novelDataset, Preprocessing.Test, options), progress, EvaluatorLogger, cancellationToken);
    }

    /// <summary>
    /// Cross-dataset transfer or domain generalization: evaluates the tuner on its source data (optional) and on every
    /// target, each over its own classes. <paramref name="method"/> names the row in <see cref="ResultsTable"/>.
    /// </summary>
    public Task<TransferResult> EvaluateTransferAsync(string method, EvaluationTarget? source, IEnumerable<EvaluationTarget> targets,
        IProgress<EvaluationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        return Learner.EvaluateTransferAsync(method, source, targets, progress, EvaluatorLogger, cancellationToken);
    }

    /// <summary>Cross-dataset transfer / domain generalization on datasets' test splits (all classes).</summary>
    public Task<TransferResult> EvaluateTransferAsync(string method, IImageDataset? source, IEnumerable<IImageDataset> targets,
        EvaluationOptions? options = null, IProgress<EvaluationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        ArgumentNullException.ThrowIfNull(targets);
        return Learner.EvaluateTransferAsync(method, source is null ? null : EvaluationTarget.FromDataset(source, Preprocessing.Test, options),
            targets.Select(t => EvaluationTarget.FromDataset(t, Preprocessing.Test, options)).ToList(), progress, EvaluatorLogger, cancellationToken);
    }
}
