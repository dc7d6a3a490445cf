using MaPLe.Data;

namespace MaPLe.Training;

/// <summary>
/// Where training and evaluation read batches from. Implementations must give the same batches for the same epoch
/// every time (a resumed run replays the epoch order), and create tensors on the enumerating thread (TorchSharp's dispose
/// scopes are per thread). See <see cref="BatchSource"/> for the built-in ones.
/// </summary>
public interface IBatchSource
{
    /// <summary>Batches in one epoch (the scheduler and progress reports need it up front).</summary>
    int BatchesPerEpoch { get; }

    /// <summary>The batches of epoch <paramref name="epoch"/> (0-based), in order. The consumer disposes each batch.</summary>
    IEnumerable<LabeledBatch> ReadEpoch(int epoch, CancellationToken cancellationToken = default);
}
