using static TorchSharp.torch;

namespace MaPLe.Training;

/// <summary>
/// A batch of normalized images <c>[B, 3, N, N]</c> (float32) with their labels <c>[B]</c> (int64). Disposing it frees the
/// tensors only when the batch owns them (batches made by a loader do; batches wrapping caller tensors do not).
/// </summary>
public sealed class LabeledBatch : IDisposable
{
    private readonly IDisposable? _owner;
    private readonly bool _ownsTensors;

    /// <summary>Wraps tensors; <paramref name="ownsTensors"/> says whether <see cref="Dispose"/> frees them.</summary>
    public LabeledBatch(Tensor images, Tensor labels, bool ownsTensors)
        : this(images, labels, ownsTensors, owner: null)
    {
    }

    internal LabeledBatch(Tensor images, Tensor labels, bool ownsTensors, IDisposable? owner)
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
        _owner = owner;
    }

    /// <summary>Normalized images <c>[B, 3, N, N]</c>.</summary>
    public Tensor Images { get; }

    /// <summary>Class indices <c>[B]</c>.</summary>
    public Tensor Labels { get; }

    /// <summary>Number of images B.</summary>
    public int Count => (int)Images.shape[0];

    /// <inheritdoc />
    public void Dispose()
    {
        if (_owner is not null)
        {
            _owner.Dispose();
        }
        else if (_ownsTensors)
        {
            Images.Dispose();
            Labels.Dispose();
        }
    }
}
