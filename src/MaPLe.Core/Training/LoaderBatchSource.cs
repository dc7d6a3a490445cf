using MaPLe.Data;
using MaPLe.Data.Loading;

namespace MaPLe.Training;

/// <summary>Adapts an <see cref="ImageBatchLoader"/> (worker threads, deterministic per-epoch order and augmentation).</summary>
public sealed class LoaderBatchSource : IBatchSource
{
    /// <summary>Wraps <paramref name="loader"/>.</summary>
    public LoaderBatchSource(ImageBatchLoader loader) => Loader = loader ?? throw new ArgumentNullException(nameof(loader));

    /// <summary>The wrapped loader.</summary>
    public ImageBatchLoader Loader { get; }

    /// <inheritdoc />
    public int BatchesPerEpoch => Loader.BatchesPerEpoch;

    /// <inheritdoc />
    public IEnumerable<LabeledBatch> ReadEpoch(int epoch, CancellationToken cancellationToken = default) =>
        Loader.ReadEpoch(epoch, cancellationToken);
}
