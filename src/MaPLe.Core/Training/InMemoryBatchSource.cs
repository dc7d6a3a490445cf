using MaPLe.Data;
using static TorchSharp.torch;

namespace MaPLe.Training;

/// <summary>
/// Fixed batches held by the caller, replayed in the same order every epoch (e.g. a reference trajectory with one fixed
/// batch per step). The tensors stay the caller's: batches never dispose them.
/// </summary>
public sealed class InMemoryBatchSource : IBatchSource
{
    private readonly (Tensor Images, Tensor Labels)[] _batches;

    /// <summary>Wraps the batches (images <c>[B, 3, N, N]</c>, labels <c>[B]</c> int64).</summary>
    /// <exception cref="ArgumentException">No batches, or a batch with inconsistent shapes.</exception>
    public InMemoryBatchSource(IEnumerable<(Tensor Images, Tensor Labels)> batches)
    {
        ArgumentNullException.ThrowIfNull(batches);
        _batches = batches.ToArray();
        if (_batches.Length == 0)
            throw new ArgumentException("At least one batch is needed.", nameof(batches));
        for (int i = 0; i < _batches.Length; i++)
        {
            var (images, labels) = _batches[i];
            if (images is null || labels is null || images.dim() != 4 || labels.dim() != 1 || labels.shape[0] != images.shape[0])
                throw new ArgumentException($"Batch {i}: images must be [B, 3, N, N] and labels [B].", nameof(batches));
        }
    }

    /// <inheritdoc />
    public int BatchesPerEpoch => _batches.Length;

    /// <summary>The caller's batches.</summary>
    internal IReadOnlyList<(Tensor Images, Tensor Labels)> Batches => _batches;

    /// <inheritdoc />
    public IEnumerable<LabeledBatch> ReadEpoch(int epoch, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(epoch);
        foreach (var (images, labels) in _batches)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return new LabeledBatch(images, labels, ownsTensors: false);
        }
    }
}
