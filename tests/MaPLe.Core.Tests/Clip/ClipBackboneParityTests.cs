using MaPLe.Clip;
using MaPLe.Tests.TestSupport;
using static TorchSharp.torch;

namespace MaPLe.Tests.Clip;

/// <summary>
/// The backbone against the official code's zero-shot goldens (cases whose method is "zeroshot", read from the fixture
/// set), with both weight namings.
/// </summary>
[Trait("Category", "Parity")]
public sealed class ClipBackboneParityTests
{
    public static TheoryData<string, string> ZeroShotCases()
    {
        var data = new TheoryData<string, string>();
        foreach (var name in FixtureCase.Named("zeroshot"))
            foreach (var weights in new[] { "openai", "hf" })
                data.Add(name, weights);
        if (data.Count == 0)
            data.Add("(none: this fixture set has no zeroshot case)", "openai");
        return data;
    }

    [Theory]
    [MemberData(nameof(ZeroShotCases))]
    public void ZeroShotLogitsAndFeaturesMatchReference(string caseName, string weights)
    {
        if (FixtureTheory.IsPlaceholder(caseName)) return;
        using var scope = NewDisposeScope();
        using var fixture = FixtureCase.Open(caseName);
        using var clip = ClipBackbone.Load(weights == "openai" ? Fixtures.TinyOpenAiWeights : Fixtures.TinyHfWeights);
        var inputs = fixture.Inputs();
        var expected = fixture.Expected();
        var tokens = expected["tokens"].to(ScalarType.Int64);

        using var _ = no_grad();
        var image = nn.functional.normalize(clip.EncodeImage(inputs["images"]), dim: -1);
        var text = nn.functional.normalize(clip.EncodeText(clip.EmbedTokens(tokens), tokens.argmax(-1)), dim: -1);
        var logits = clip.LogitScale * image.matmul(text.t());

        TensorAssert.Close(image, expected["image_features"], 1e-5, $"{caseName}/{weights} image features");
        TensorAssert.Close(text, expected["text_features"], 1e-5, $"{caseName}/{weights} text features");
        TensorAssert.Close(logits, expected["logits"], 5e-4, $"{caseName}/{weights} logits");
    }

    [Fact]
    public void LogitScaleIsReadFromTheWeights()
    {
        using var clip = ClipBackbone.Load(Fixtures.TinyOpenAiWeights);
        // logit_scale is ln(100) rounded to fp16 = 4.60546875 (MANIFEST), so the scale is exp of that, not 100.
        Assert.Equal(Math.Exp(4.60546875), clip.LogitScale, 10);
    }

    [Fact]
    public void OpenAiAndHuggingFaceFilesGiveTheSameModel()
    {
        using var a = ClipBackbone.Load(Fixtures.TinyOpenAiWeights);
        using var b = ClipBackbone.Load(Fixtures.TinyHfWeights);
        Assert.Equal(a.Config, b.Config);
        Assert.Equal(a.Fingerprint, b.Fingerprint);
        // Hyper-parameters from MANIFEST.md's description of the tiny model.
        Assert.Equal(new ClipVisionConfig(128, 12, 2, 16, 64), a.Config.Vision);
        Assert.Equal(new ClipTextConfig(64, 12, 1, 77, 49408), a.Config.Text);
        Assert.Equal(64, a.Config.EmbedDim);
    }
}
