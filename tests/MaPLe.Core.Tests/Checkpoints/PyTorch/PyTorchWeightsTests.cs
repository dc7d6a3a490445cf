using MaPLe.Checkpoints;
using MaPLe.Checkpoints.PyTorch;
using MaPLe.Clip;
using MaPLe.Tests.TestSupport;
using static TorchSharp.torch;

namespace MaPLe.Tests.Checkpoints.PyTorch;

/// <summary>
/// Every file under the PyTorch set's <c>weights/</c> (state dicts in zip and legacy format, TorchScript archives) holds
/// exactly the tiny CLIP's values: bit for bit where the stored dtypes agree, the same values where a TorchScript archive
/// keeps a tensor in F32; and a backbone loaded from it computes what the safetensors one computes.
/// </summary>
[Trait("Category", "Parity")]
public sealed class PyTorchWeightsTests
{
    // OpenAI's TorchScript archives carry these int64 buffers besides the weights.
    private static readonly string[] ArchiveBuffers = ["input_resolution", "context_length", "vocab_size"];

    public static TheoryData<string> Files() => PyTorchFixtures.WeightFiles();

    [Theory]
    [MemberData(nameof(Files))]
    public void HoldsExactlyTheReferenceValues(string file)
    {
        if (FixtureTheory.IsPlaceholder(file)) return;
        using var scope = NewDisposeScope();
        var path = Path.Combine(PyTorchFixtures.Root, "weights", file);
        var reference = SafeTensors.Load(PyTorchFixtures.TinyOpenAiWeights);
        var read = PyTorchFile.LoadStateDict(path);

        Assert.Empty(reference.Keys.Except(read.Keys));
        Assert.Empty(read.Keys.Except(reference.Keys).Except(ArchiveBuffers));
        foreach (var (name, expected) in reference)
        {
            var actual = read[name];
            Assert.Equal(expected.shape, actual.shape);
            if (actual.dtype == expected.dtype)
                Assert.True(actual.contiguous().bytes.SequenceEqual(expected.contiguous().bytes), $"{file}: {name} differs bitwise");
            else
                Assert.True(actual.to(ScalarType.Float64).eq(expected.to(ScalarType.Float64)).all().item<bool>(), $"{file}: {name} ({actual.dtype} vs {expected.dtype}) differs in value");
        }
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void LoadsAsTheSameBackbone(string file)
    {
        if (FixtureTheory.IsPlaceholder(file)) return;
        using var scope = NewDisposeScope();
        using var fromSafetensors = ClipBackbone.Load(PyTorchFixtures.TinyOpenAiWeights);
        using var fromPyTorch = ClipBackbone.Load(Path.Combine(PyTorchFixtures.Root, "weights", file));
        Assert.Equal(fromSafetensors.Config, fromPyTorch.Config);
        Assert.Equal(fromSafetensors.Fingerprint, fromPyTorch.Fingerprint);
        var images = TinyImages();
        Assert.True(fromPyTorch.EncodeImage(images).eq(fromSafetensors.EncodeImage(images)).all().item<bool>(), $"{file}: image features differ");
    }

    private static Tensor TinyImages()
    {
        using var g = new Generator(3);
        return randn([2, 3, 64, 64], generator: g);
    }
}
