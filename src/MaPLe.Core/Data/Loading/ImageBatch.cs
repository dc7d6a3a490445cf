using static TorchSharp.torch;

namespace MaPLe.Data.Loading;

/// <summary>
/// One batch from <see cref="ImageBatchLoader"/>: CPU tensors created on the consuming thread and owned by this object
/// (they belong to no dispose scope). Dispose it (<c>using var batch</c>) when the step is done.
/// </summary>
public sealed class ImageBatch : IDisposable
{
    internal ImageBatch(Tensor images, Tensor labels, IReadOnlyList<ImageItem> items, IReadOnlyList<int> indices, int epoch, int batchIndex)
    {
        Images = images;
        Labels = labels;
        Items = items;
        Indices = indices;
        Epoch = epoch;
        BatchIndex = batchIndex;
    }

    /// <summary>The transformed images, float32 [B, 3, N, N].</summary>
    public Tensor Images { get; }

    /// <summary>The labels, int64 [B].</summary>
    public Tensor Labels { get; }

    /// <summary>The items in batch order.</summary>
    public IReadOnlyList<ImageItem> Items { get; }

    /// <summary>The items' indices in the loader's item list.</summary>
    public IReadOnlyList<int> Indices { get; }

    /// <summary>The epoch this batch belongs to.</summary>
    public int Epoch { get; }

    /// <summary>Position of the batch in its epoch (0-based; counts batches left out as all-broken).</summary>
    public int BatchIndex { get; }

    /// <summary>Number of images B.</summary>
    public int Count => Items.Count;

    /// <summary>Frees both tensors.</summary>
    public void Dispose()
    {
        Images.Dispose();
        Labels.Dispose();
    }
}
