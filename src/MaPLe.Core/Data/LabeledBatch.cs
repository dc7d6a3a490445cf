using static TorchSharp.torch;

namespace MaPLe.Data;

/// <summary>
/// The one batch type: normalized images <c>[B, 3, N, N]</c> (float32) with their labels <c>[B]</c> (int64), as the
/// loader, every batch source, training, evaluation and the CLI pass them. Disposing it frees the tensors only when the
/// batch owns them (batches made by a loader do; batches wrapping caller tensors do not). A loader's batches also say
/// which items they hold.
/// </summary>
public sealed class LabeledBatch : IDisposable
{
    private readonly bool _ownsTensors;

    /// <summary>Wraps tensors; <paramref name="ownsTensors"/> says whether <see cref="Dispose"/> frees them.</summary>
    public LabeledBatch(Tensor images, Tensor labels, bool ownsTensors)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(labels);
        if (images.dim() != 4)
            throw new ArgumentException($"Images must be [B, 3, N, N]; got [{string.Join(", ", images.shape)}].", nameof(images));
        if (labels.dim() != 1 || labels.shape[0] != images.shape[0])
            throw new ArgumentException($"Labels must be [B] with B = {images.shape[0]}; got [{string.Join(", ", labels.shape)}].", nameof(labels));
        Images = images;
        Labels = labels;
        _ownsTensors = ownsTensors;
    }

    /// <summary>Normalized images <c>[B, 3, N, N]</c>.</summary>
    public Tensor Images { get; }

    /// <summary>Class indices <c>[B]</c>.</summary>
    public Tensor Labels { get; }

    /// <summary>Number of images B.</summary>
    public int Count => (int)Images.shape[0];

    /// <summary>The items in batch order, when the batch came from an <see cref="Loading.ImageBatchLoader"/> (else null).</summary>
    public IReadOnlyList<ImageItem>? Items { get; init; }

    /// <summary>The items' indices in the loader's item list (null when not from a loader).</summary>
    public IReadOnlyList<int>? Indices { get; init; }

    /// <summary>The epoch the batch belongs to (0 when not from a loader).</summary>
    public int Epoch { get; init; }

    /// <summary>Position of the batch in its epoch (0-based; a loader counts batches left out as all-broken).</summary>
    public int BatchIndex { get; init; }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsTensors)
        {
            Images.Dispose();
            Labels.Dispose();
        }
    }
}
