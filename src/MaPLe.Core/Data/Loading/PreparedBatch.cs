using System.Buffers;

namespace MaPLe.Data.Loading;

/// <summary>
/// A batch as a worker thread leaves it: managed pixel and label buffers (no native tensor crosses threads). The buffer is
/// rented from <see cref="ArrayPool{T}.Shared"/>; whoever ends up with the batch returns it.
/// </summary>
internal sealed class PreparedBatch(int batchIndex, int[] indices, float[] pixels, long[] labels, List<SkippedImage> skipped)
{
    private float[]? _pixels = pixels;

    public int BatchIndex { get; } = batchIndex;

    /// <summary>Indices of the images that made it into the batch, in batch order.</summary>
    public int[] Indices { get; } = indices;

    /// <summary>Pixels of the kept images, [Indices.Length, 3, N, N] row-major at the start of the (possibly longer) buffer.</summary>
    public float[] Pixels => _pixels ?? throw new ObjectDisposedException(nameof(PreparedBatch));

    public long[] Labels { get; } = labels;

    public List<SkippedImage> Skipped { get; } = skipped;

    /// <summary>Gives the pixel buffer back to the pool (idempotent).</summary>
    public void Release()
    {
        var p = Interlocked.Exchange(ref _pixels, null);
        if (p is not null)
            ArrayPool<float>.Shared.Return(p);
    }
}
