using MaPLe.Clip;
using MaPLe.Prompting;
using MaPLe.Prompting.ZeroShot;
using MaPLe.Tests.TestSupport;
using static TorchSharp.torch;

namespace MaPLe.Tests.Prompting;

/// <summary>
/// Zero-shot CLIP through the real tokenizer and <see cref="ZeroShotClassifier"/>, against every zero-shot case of the
/// fixture set (its template read from case.json).
/// </summary>
[Trait("Category", "Parity")]
public sealed class ZeroShotParityTests
{
    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var name in FixtureCase.Named("zeroshot"))
            data.Add(name);
        return data.OrPlaceholder("zeroshot case");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void TemplatesTokenizeAndClassifyAsTheReference(string caseName)
    {
        if (FixtureTheory.IsPlaceholder(caseName)) return;
        using var scope = NewDisposeScope();
        using var fixture = FixtureCase.Open(caseName);
        using var clip = ClipBackbone.Load(Fixtures.TinyOpenAiWeights);
        var inputs = fixture.Inputs();
        var expected = fixture.Expected();
        string template = fixture.Str("template");

        var tokens = expected["tokens"].to(ScalarType.Int64);
        for (int i = 0; i < fixture.ClassNames.Count; i++)
        {
            var ids = CaseLearners.Tokenizer.Tokenize(ZeroShotTemplates.Format(template, fixture.ClassNames[i]), 77);
            Assert.Equal(tokens[i].data<long>().ToArray(), ids.Select(id => (long)id).ToArray());
        }

        using var learner = CaseLearners.Create(fixture, clip);
        Assert.IsType<ZeroShotClassifier>(learner);
        var output = learner.Forward(inputs["images"]);
        TensorAssert.Close(output.Logits, expected["logits"], 5e-4, $"{caseName} logits");
        TensorAssert.Close(output.ImageFeatures, expected["image_features"], 1e-5, $"{caseName} image features");
        TensorAssert.Close(output.TextFeatures, expected["text_features"], 1e-5, $"{caseName} text features");
        TensorAssert.Close(nn.functional.cross_entropy(output.Logits, inputs["labels"]), expected["loss"], 1e-4, $"{caseName} loss");
    }
}

/// <summary>Templates, their validation and ZeroshotCLIP2's ensemble.</summary>
public sealed class ZeroShotTests(TinyClipFixture fixture) : IClassFixture<TinyClipFixture>
{
    [Fact]
    public void UpstreamTemplatesAreAvailablePerDataset()
    {
        Assert.Equal(15, ZeroShotTemplates.Custom.Count);
        Assert.Equal("a centered satellite photo of {}.", ZeroShotTemplates.For("EuroSAT"));
        Assert.Equal("{} texture.", ZeroShotTemplates.For("describabletextures"));
        Assert.Equal(7, ZeroShotTemplates.ImageNetSelect.Count);
        Assert.Equal(ZeroShotTemplates.ImageNetSelect, ZeroShotTemplates.EnsembleFor("ImageNet"));
        Assert.Equal([.. ZeroShotTemplates.ImageNetSelect, "a photo of a {}, a type of pet."], ZeroShotTemplates.EnsembleFor("OxfordPets"));
        var e = Assert.Throws<ArgumentException>(() => ZeroShotTemplates.For("MNIST"));
        Assert.Contains("OxfordPets", e.Message);
    }

    [Fact]
    public void FormattingPutsTheCleanedClassNameInPlaceOfTheBraces() =>
        Assert.Equal("a photo of a golden retriever, a type of pet.", ZeroShotTemplates.Format("a photo of a {}, a type of pet.", "golden_retriever"));

    [Theory]
    [InlineData("a photo of a dog.")]
    [InlineData("{} and {}.")]
    [InlineData("a {0} photo.")]
    public void TemplatesNeedExactlyOnePlaceholder(string template)
    {
        var problems = new ZeroShotOptions { Templates = ["a photo of a {}.", template] }.Validate(fixture.Clip.Config).ToList();
        var problem = Assert.Single(problems);
        Assert.Contains("Templates[1]", problem);
    }

    [Fact]
    public void AnEnsembleIsTheRenormalizedMeanOfItsTemplatesFeatures()
    {
        using var scope = NewDisposeScope();
        string[] templates = ["itap of a {}.", "a photo of the large {}."];
        var classes = TinyClipFixture.Classes;
        using var ensemble = new ZeroShotOptions { Templates = templates }.CreateLearner(fixture.Clip, CaseLearners.Tokenizer, classes);
        using var first = new ZeroShotOptions { Templates = [templates[0]] }.CreateLearner(fixture.Clip, CaseLearners.Tokenizer, classes);
        using var second = new ZeroShotOptions { Templates = [templates[1]] }.CreateLearner(fixture.Clip, CaseLearners.Tokenizer, classes);

        var mean = (first.EncodeClassTexts() + second.EncodeClassTexts()) / 2;
        var expected = mean / mean.norm(-1, keepdim: true);
        TensorAssert.Close(ensemble.EncodeClassTexts(), expected, 1e-6, "ensemble text features");
        Assert.False(ensemble.EncodeClassTexts().requires_grad);
    }

    [Fact]
    public void OptionsWithTheSameTemplatesAreEqual() =>
        Assert.Equal(ZeroShotOptions.EnsembleForDataset("Food101"), new ZeroShotOptions { Templates = [.. ZeroShotTemplates.ImageNetSelect, "a photo of {}, a type of food."] });
}
