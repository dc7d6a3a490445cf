using static TorchSharp.torch;

namespace MaPLe.Imaging;

/// <summary>
/// The training transform of MaPLe (Dassl with <c>random_resized_crop</c>, <c>random_flip</c>, <c>normalize</c>):
/// <c>RandomResizedCrop(N, scale, ratio, bicubic)</c>, <c>RandomHorizontalFlip(p)</c>, <c>ToTensor</c>,
/// <c>Normalize(mean, std)</c>. Crop then PIL bicubic resize to N × N, as torchvision does on PIL images. All
/// randomness comes from the <see cref="Random"/> passed to <see cref="Apply(RgbImage, Random)"/>; thread-safe.
/// </summary>
public sealed class ClipTrainTransform : IImageTransform
{
    private readonly NormalizedPlanes _planes;

    /// <summary>Creates the transform for output side <paramref name="resolution"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="resolution"/> is not positive.</exception>
    /// <exception cref="ArgumentException"><paramref name="options"/> is invalid.</exception>
    public ClipTrainTransform(int resolution, ClipTransformOptions? options = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(resolution);
        Resolution = resolution;
        Options = (options ?? ClipTransformOptions.Default).Validate();
        _planes = new NormalizedPlanes(Options.Mean, Options.Std);
    }

    /// <inheritdoc />
    public int Resolution { get; }

    /// <summary>The crop, flip and normalisation settings.</summary>
    public ClipTransformOptions Options { get; }

    /// <summary>Returns a new float32 [3, N, N] CPU tensor (the caller owns it).</summary>
    public Tensor Apply(RgbImage image, Random random)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(random);
        return NormalizedPlanes.NewTensor(Resolution, dst => ApplyInto(image, random, dst));
    }

    /// <summary>Writes the normalised CHW planes (3 × N × N floats) into <paramref name="destination"/>, e.g. a slot of a batch.</summary>
    public void ApplyInto(RgbImage image, Random random, Span<float> destination)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(random);
        int n = Resolution;
        var crop = RandomResizedCrop.GetParams(image.Width, image.Height, Options.Scale, Options.Ratio, random);
        // torchvision draws the flip coin even when p is 0 or 1; so do we, keeping the random stream aligned.
        bool flip = random.NextDouble() < Options.FlipProbability;
        var pixels = System.Buffers.ArrayPool<byte>.Shared.Rent(n * n * 3);
        try
        {
            PilBicubicResampler.ResizeWindow(image, crop, n, n, PixelRegion.Whole(n, n), pixels);
            _planes.Write(pixels, n, flip, destination);
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(pixels);
        }
    }
}
