using MaPLe.Data;
using MaPLe.Data.Loading;
using MaPLe.Imaging;
using static TorchSharp.torch;

namespace MaPLe.Training;

/// <summary>Factories for the built-in <see cref="IBatchSource"/>s.</summary>
public static class BatchSource
{
    /// <summary>Test-time batch size of every upstream config (DATALOADER.TEST.BATCH_SIZE).</summary>
    public const int DefaultEvaluationBatchSize = 100;

    /// <summary>Fixed in-memory batches, replayed in order every epoch (the caller keeps the tensors).</summary>
    public static IBatchSource FromBatches(IEnumerable<(Tensor Images, Tensor Labels)> batches) => new InMemoryBatchSource(batches);

    /// <summary>Batches cut from whole tensors; see <see cref="TensorBatchSource"/>.</summary>
    public static IBatchSource FromTensors(Tensor images, Tensor labels, int batchSize, bool shuffle = false, bool dropLast = false, int seed = 0) =>
        new TensorBatchSource(images, labels, batchSize, shuffle, dropLast, seed);

    /// <summary>
    /// Upstream's training loader over <paramref name="items"/>: <see cref="ClipTrainTransform"/> (random resized crop,
    /// flip, CLIP normalization) at <paramref name="resolution"/>, shuffled per epoch from <paramref name="seed"/>,
    /// <c>drop_last = items ≥ batch size</c>.
    /// </summary>
    public static IBatchSource ForTraining(IReadOnlyList<ImageItem> items, int resolution, int batchSize, int seed,
        IImageDecoder? decoder = null, ClipTransformOptions? transform = null, int? workers = null) =>
        ForTraining(items, new ClipTrainTransform(resolution, transform), batchSize, seed, decoder, workers);

    /// <summary>
    /// The training loader over <paramref name="items"/> with <paramref name="transform"/> (e.g.
    /// <see cref="ImagePreprocessing.Train"/>), shuffled per epoch from <paramref name="seed"/>, <c>drop_last = items ≥
    /// batch size</c>.
    /// </summary>
    public static IBatchSource ForTraining(IReadOnlyList<ImageItem> items, IImageTransform transform, int batchSize, int seed,
        IImageDecoder? decoder = null, int? workers = null)
    {
        ArgumentNullException.ThrowIfNull(items);
        var options = ImageBatchLoaderOptions.ForTraining(batchSize, items.Count, seed);
        if (workers is { } w) options = options with { Workers = w };
        return new LoaderBatchSource(new ImageBatchLoader(items, decoder ?? SkiaImageDecoder.Default, transform, options));
    }

    /// <summary>
    /// Upstream's test loader over <paramref name="items"/>: <see cref="ClipTestTransform"/> (resize, center crop, CLIP
    /// normalization), in order, nothing dropped.
    /// </summary>
    public static IBatchSource ForEvaluation(IReadOnlyList<ImageItem> items, int resolution, int batchSize = DefaultEvaluationBatchSize,
        IImageDecoder? decoder = null, ClipTransformOptions? transform = null, int? workers = null) =>
        ForEvaluation(items, new ClipTestTransform(resolution, transform), batchSize, decoder, workers);

    /// <summary>
    /// The test loader over <paramref name="items"/> with <paramref name="transform"/> (e.g.
    /// <see cref="ImagePreprocessing.Test"/>), in order, nothing dropped.
    /// </summary>
    public static IBatchSource ForEvaluation(IReadOnlyList<ImageItem> items, IImageTransform transform, int batchSize = DefaultEvaluationBatchSize,
        IImageDecoder? decoder = null, int? workers = null)
    {
        ArgumentNullException.ThrowIfNull(items);
        var options = ImageBatchLoaderOptions.ForEvaluation(batchSize);
        if (workers is { } w) options = options with { Workers = w };
        return new LoaderBatchSource(new ImageBatchLoader(items, decoder ?? SkiaImageDecoder.Default, transform, options));
    }
}
