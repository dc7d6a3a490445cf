using static TorchSharp.torch;

namespace MaPLe.Imaging;

/// <summary>Turns a decoded image into the normalized float32 [3, N, N] tensor a CLIP image tower takes.</summary>
public interface IImageTransform
{
    /// <summary>Output side length N.</summary>
    int Resolution { get; }

    /// <summary>
    /// Applies the transform. Random transforms draw only from <paramref name="random"/>, so a caller that seeds it per
    /// sample gets the same tensor whatever thread runs it.
    /// </summary>
    Tensor Apply(RgbImage image, Random random);
}
