using MaPLe.Clip;
using MaPLe.Tests.TestSupport;
using static TorchSharp.torch;

namespace MaPLe.Tests.Prompting;

/// <summary>The tiny fixture CLIP (OpenAI names), loaded once per test class, plus a few fixed inputs for it.</summary>
public sealed class TinyClipFixture : IDisposable
{
    /// <summary>Loads the tiny CLIP.</summary>
    public TinyClipFixture() => Clip = ClipBackbone.Load(Fixtures.TinyOpenAiWeights);

    /// <summary>The frozen backbone (shared by the tests of one class, which run one at a time).</summary>
    public ClipBackbone Clip { get; }

    /// <summary>Five classes of varied token lengths.</summary>
    public static IReadOnlyList<string> Classes { get; } = ["abyssinian", "golden_retriever", "pink primrose", "banded", "Annual Crop Land"];

    /// <summary>Three other classes.</summary>
    public static IReadOnlyList<string> OtherClasses { get; } = ["forest", "sea lake", "highway or road"];

    /// <summary>Deterministic random images <c>[batch, 3, 64, 64]</c> (own generator: no global seed touched).</summary>
    public static Tensor Images(int batch, ulong seed = 5)
    {
        using var g = new Generator(seed);
        return randn([batch, 3, 64, 64], generator: g);
    }

    /// <inheritdoc />
    public void Dispose() => Clip.Dispose();
}
