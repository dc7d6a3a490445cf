using System.Runtime.InteropServices;
using static TorchSharp.torch;

namespace MaPLe.Imaging;

/// <summary>Turns a decoded image into the normalized float32 [3, N, N] planes a CLIP image tower takes.</summary>
public interface IImageTransform
{
    /// <summary>Output side length N.</summary>
    int Resolution { get; }

    /// <summary>
    /// Applies the transform into a new tensor. Random transforms draw only from <paramref name="random"/>, so a caller
    /// that seeds it per sample gets the same tensor whatever thread runs it.
    /// </summary>
    Tensor Apply(RgbImage image, Random random);

    /// <summary>
    /// Writes the 3 × N × N normalized planes straight into <paramref name="destination"/> (a slot of a batch): what the
    /// loader calls, so the built-in transforms create no per-image tensor. The default goes through
    /// <see cref="Apply"/> and copies; implement it to avoid that.
    /// </summary>
    /// <exception cref="InvalidOperationException"><see cref="Apply"/> returned another shape than [3, N, N].</exception>
    void ApplyInto(RgbImage image, Random random, Span<float> destination)
    {
        int n = Resolution;
        using var scope = NewDisposeScope();
        var output = Apply(image, random);
        if (output.dim() != 3 || output.shape[0] != 3 || output.shape[1] != n || output.shape[2] != n)
            throw new InvalidOperationException(
                $"{GetType().Name} returned shape [{string.Join(", ", output.shape)}]; expected [3, {n}, {n}] (its Resolution).");
        MemoryMarshal.Cast<byte, float>(output.to_type(ScalarType.Float32).cpu().contiguous().bytes).CopyTo(destination);
    }
}
