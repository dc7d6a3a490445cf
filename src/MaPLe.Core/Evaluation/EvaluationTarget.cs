using MaPLe.Data;
using MaPLe.Imaging;
using MaPLe.Training;

namespace MaPLe.Evaluation;

/// <summary>A named test set with its own classes (a novel split, another dataset, a domain-shifted ImageNet).</summary>
/// <param name="Name">Column name in result tables (e.g. "EuroSAT", "ImageNet-A").</param>
/// <param name="ClassNames">Its classes in label order; the tuner switches to them while evaluating it.</param>
/// <param name="Data">Its batches; labels index <paramref name="ClassNames"/>.</param>
public sealed record EvaluationTarget(string Name, IReadOnlyList<string> ClassNames, IBatchSource Data)
{
    /// <summary>A dataset's test split with upstream's test pipeline at <paramref name="resolution"/> (the backbone's input size).</summary>
    public static EvaluationTarget FromDataset(IImageDataset dataset, int resolution, EvaluationOptions? options = null) =>
        FromDataset(dataset, new ClipTestTransform(resolution), options);

    /// <summary>A dataset's test split through <paramref name="transform"/> (e.g. a tuner's <see cref="ImagePreprocessing.Test"/>).</summary>
    public static EvaluationTarget FromDataset(IImageDataset dataset, IImageTransform transform, EvaluationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(transform);
        var o = (options ?? new EvaluationOptions()).Validate();
        return new EvaluationTarget(dataset.Name, dataset.ClassNames, BatchSource.ForEvaluation(dataset.Test, transform, o.BatchSize, workers: o.DataWorkers));
    }
}
