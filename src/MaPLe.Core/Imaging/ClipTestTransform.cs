using static TorchSharp.torch;

namespace MaPLe.Imaging;

/// <summary>
/// The evaluation transform of MaPLe/CLIP: <c>Resize(N, bicubic)</c> of the shorter side, <c>CenterCrop(N)</c>,
/// <c>ToTensor</c>, <c>Normalize(mean, std)</c>, reproducing torchvision on PIL images bit for bit. Deterministic:
/// the <see cref="Random"/> argument is ignored. Thread-safe.
/// </summary>
public sealed class ClipTestTransform : IImageTransform
{
    private readonly NormalizedPlanes _planes;

    /// <summary>Creates the transform for output side <paramref name="resolution"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="resolution"/> is not positive.</exception>
    /// <exception cref="ArgumentException"><paramref name="options"/> is invalid.</exception>
    public ClipTestTransform(int resolution, ClipTransformOptions? options = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(resolution);
        Resolution = resolution;
        Options = (options ?? ClipTransformOptions.Default).Validate();
        _planes = new NormalizedPlanes(Options.Mean, Options.Std);
    }

    /// <inheritdoc />
    public int Resolution { get; }

    /// <summary>The normalisation settings in use (crop and flip settings are not used by this transform).</summary>
    public ClipTransformOptions Options { get; }

    /// <inheritdoc />
    public Tensor Apply(RgbImage image, Random random) => Apply(image);

    /// <summary>Returns a new float32 [3, N, N] CPU tensor (the caller owns it).</summary>
    public Tensor Apply(RgbImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        return NormalizedPlanes.NewTensor(Resolution, dst => ApplyInto(image, dst));
    }

    /// <inheritdoc />
    public void ApplyInto(RgbImage image, Random random, Span<float> destination) => ApplyInto(image, destination);

    /// <summary>Writes the normalised CHW planes (3 × N × N floats) into <paramref name="destination"/>, e.g. a slot of a batch.</summary>
    public void ApplyInto(RgbImage image, Span<float> destination)
    {
        ArgumentNullException.ThrowIfNull(image);
        int n = Resolution;
        var (width, height) = ResizedSize(image.Width, image.Height, n);
        var window = CenterCropRegion(width, height, n);
        var pixels = System.Buffers.ArrayPool<byte>.Shared.Rent(n * n * 3);
        try
        {
            PilBicubicResampler.ResizeWindow(image, PixelRegion.Whole(image.Width, image.Height), width, height, window, pixels);
            _planes.Write(pixels, n, flip: false, destination);
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(pixels);
        }
    }

    /// <summary>
    /// torchvision's <c>Resize(int)</c> output size: the shorter side becomes <paramref name="resolution"/>, the longer
    /// <c>int(resolution * long / short)</c> (truncated).
    /// </summary>
    public static (int Width, int Height) ResizedSize(int width, int height, int resolution)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(resolution);
        if (width <= height)
            return (resolution, (int)((double)((long)resolution * height) / width));
        return ((int)((double)((long)resolution * width) / height), resolution);
    }

    /// <summary>
    /// torchvision's <c>CenterCrop</c> box for a <paramref name="size"/> square: top = <c>int(round((h - size) / 2.0))</c>,
    /// left likewise, with Python's round-half-to-even.
    /// </summary>
    /// <exception cref="ArgumentException">The image is smaller than the crop (torchvision would pad; never happens after <see cref="ResizedSize"/>).</exception>
    public static PixelRegion CenterCropRegion(int width, int height, int size)
    {
        if (width < size || height < size)
            throw new ArgumentException($"A {width}x{height} image is smaller than the {size}x{size} center crop.");
        int top = (int)Math.Round((height - size) / 2.0, MidpointRounding.ToEven);
        int left = (int)Math.Round((width - size) / 2.0, MidpointRounding.ToEven);
        return new PixelRegion(left, top, size, size);
    }
}
