using static TorchSharp.torch;

namespace MaPLe.Tests.Training;

/// <summary>
/// A small linearly separable image set: class k is a 64×64 image whose colour channel k mod 3 is bright and whose
/// top or bottom half (k / 3) is brighter, plus seeded noise. Created outside any dispose scope: the caller disposes.
/// </summary>
public sealed class SyntheticData : IDisposable
{
    /// <summary>Class names of up to six classes.</summary>
    public static readonly string[] AllClassNames = ["red square", "green square", "blue square", "red circle", "green circle", "blue circle"];

    /// <summary>Creates <paramref name="perClass"/> images for each of <paramref name="classes"/> classes.</summary>
    public SyntheticData(int classes, int perClass, int seed = 3, int resolution = 64)
    {
        ClassNames = AllClassNames[..classes];
        var generator = new TorchSharp.torch.Generator((ulong)seed);
        using var scope = NewDisposeScope();
        var images = new List<Tensor>();
        var labels = new List<long>();
        for (int j = 0; j < perClass; j++)
            for (int k = 0; k < classes; k++)
            {
                var image = randn([3, resolution, resolution], generator: generator) * 0.3;
                image[k % 3] += 1.5;
                if (k / 3 == 0) image[.., ..(resolution / 2)] += 0.8;
                else image[.., (resolution / 2)..] += 0.8;
                images.Add(image);
                labels.Add(k);
            }
        Images = stack(images).DetachFromDisposeScope();
        Labels = tensor(labels.ToArray(), ScalarType.Int64).DetachFromDisposeScope();
    }

    /// <summary>Class names in label order.</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>[N, 3, R, R], classes interleaved.</summary>
    public Tensor Images { get; }

    /// <summary>[N] int64.</summary>
    public Tensor Labels { get; }

    /// <inheritdoc />
    public void Dispose()
    {
        Images.Dispose();
        Labels.Dispose();
    }
}
