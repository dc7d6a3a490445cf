using MaPLe.Data;
using static TorchSharp.torch;

namespace MaPLe.Training;

/// <summary>
/// Batches cut from whole tensors (images <c>[N, 3, H, W]</c>, labels <c>[N]</c>) held by the caller: optionally
/// shuffled per epoch from <c>(seed, epoch)</c> alone, so any epoch can be replayed; the last incomplete batch is dropped
/// when asked (upstream's training loader drops it when N ≥ batch size).
/// </summary>
public sealed class TensorBatchSource : IBatchSource
{
    private readonly Tensor _images;
    private readonly Tensor _labels;

    /// <summary>Creates the source; the caller keeps ownership of <paramref name="images"/> and <paramref name="labels"/>.</summary>
    public TensorBatchSource(Tensor images, Tensor labels, int batchSize, bool shuffle = false, bool dropLast = false, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        if (images.dim() != 4 || labels.dim() != 1 || labels.shape[0] != images.shape[0])
            throw new ArgumentException($"Images must be [N, 3, H, W] and labels [N]; got [{string.Join(", ", images.shape)}] and [{string.Join(", ", labels.shape)}].");
        _images = images;
        _labels = labels;
        BatchSize = batchSize;
        Shuffle = shuffle;
        DropLast = dropLast;
        Seed = seed;
    }

    /// <summary>Images per batch.</summary>
    public int BatchSize { get; }

    /// <summary>Whether each epoch visits the samples in a fresh seeded order.</summary>
    public bool Shuffle { get; }

    /// <summary>Whether the last incomplete batch is left out.</summary>
    public bool DropLast { get; }

    /// <summary>Seed of the epoch orders.</summary>
    public int Seed { get; }

    /// <summary>Number of samples.</summary>
    public int Count => (int)_images.shape[0];

    /// <summary>The labels of all images (the caller's tensor).</summary>
    internal Tensor Labels => _labels;

    /// <inheritdoc />
    public int BatchesPerEpoch => DropLast ? Count / BatchSize : (Count + BatchSize - 1) / BatchSize;

    /// <summary>The sample order of epoch <paramref name="epoch"/> (a Fisher–Yates shuffle seeded by seed and epoch).</summary>
    public int[] EpochOrder(int epoch)
    {
        var order = Enumerable.Range(0, Count).ToArray();
        if (Shuffle)
            // A fixed arithmetic mix (not HashCode, which is randomized per process) keeps orders equal across runs.
            new Random(unchecked(Seed * 1_000_003 + epoch * 7_919 + 17)).Shuffle(order);
        return order;
    }

    /// <inheritdoc />
    public IEnumerable<LabeledBatch> ReadEpoch(int epoch, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(epoch);
        return Iterate(epoch, cancellationToken);
    }

    private IEnumerable<LabeledBatch> Iterate(int epoch, CancellationToken cancellationToken)
    {
        var order = EpochOrder(epoch);
        for (int b = 0; b < BatchesPerEpoch; b++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var indices = order.AsSpan(b * BatchSize, Math.Min(BatchSize, order.Length - b * BatchSize)).ToArray();
            LabeledBatch batch;
            using (var scope = NewDisposeScope())
            {
                var index = tensor(indices.Select(i => (long)i).ToArray(), ScalarType.Int64);
                var images = _images.index_select(0, index.to(_images.device)).DetachFromDisposeScope();
                var labels = _labels.index_select(0, index.to(_labels.device)).DetachFromDisposeScope();
                batch = new LabeledBatch(images, labels, ownsTensors: true);
            }
            yield return batch;
        }
    }
}
