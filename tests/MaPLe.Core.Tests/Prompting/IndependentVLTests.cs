using MaPLe.Prompting;
using MaPLe.Prompting.DeepLanguage;
using MaPLe.Prompting.DeepVision;
using MaPLe.Prompting.IndependentVL;
using MaPLe.Tests.TestSupport;
using static TorchSharp.torch;

namespace MaPLe.Tests.Prompting;

/// <summary>IVLP, deep language and VPT shapes at the edges the fixtures do not reach.</summary>
public sealed class IndependentVLTests(TinyClipFixture fixture) : IClassFixture<TinyClipFixture>
{
    [Fact]
    public void DepthOneMeansInputPromptsOnly()
    {
        var options = new IndependentVLOptions { TextDepth = 1, VisionDepth = 1 };
        using var learner = options.CreateLearner(fixture.Clip, CaseLearners.Tokenizer, TinyClipFixture.Classes);
        Assert.Equal(["prompt_learner.ctx", "image_encoder.VPT"], learner.StateDict().Keys);
        Assert.Equal(2 * 64 + 2 * 128, learner.TrainableParameterCount);
    }

    [Fact]
    public void VisionDepthZeroLeavesTheImageTowerUntouched()
    {
        using var scope = NewDisposeScope();
        using var learner = new DeepLanguageOptions().CreateLearner(fixture.Clip, CaseLearners.Tokenizer, TinyClipFixture.Classes);
        Assert.Equal("language_deep", learner.Method);
        Assert.DoesNotContain(learner.StateDict().Keys, k => k.StartsWith("image_encoder", StringComparison.Ordinal));
        Assert.Equal(12 * 4 * 64, learner.TrainableParameterCount);
        var images = TinyClipFixture.Images(2);
        using var _ = no_grad();
        var plain = fixture.Clip.EncodeImage(images);
        TensorAssert.Close(learner.EncodeImages(images), plain / plain.norm(-1, keepdim: true), 1e-6, "image features");
    }

    [Fact]
    public void TextDepthZeroIsRefusedNamingTheOption()
    {
        var e = Assert.Throws<ArgumentException>(() =>
            new IndependentVLOptions { TextDepth = 0 }.CreateLearner(fixture.Clip, CaseLearners.Tokenizer, TinyClipFixture.Classes));
        Assert.Contains("TextDepth", e.Message);
    }

    [Fact]
    public void DeepVisionClassFeaturesAreFrozenClipOnAPhotoOfA()
    {
        using var scope = NewDisposeScope();
        using var learner = new DeepVisionOptions { PromptDepth = 3 }.CreateLearner(fixture.Clip, CaseLearners.Tokenizer, TinyClipFixture.Classes);
        learner.SetTraining(true);
        var ids = tensor(TinyClipFixture.Classes
            .SelectMany(c => CaseLearners.Tokenizer.Tokenize($"a photo of a {c.Replace('_', ' ')}.", 77).Select(i => (long)i)).ToArray(), [5, 77]);
        using (no_grad())
        {
            var plain = fixture.Clip.EncodeText(fixture.Clip.EmbedTokens(ids), ids.argmax(-1));
            TensorAssert.Close(learner.EncodeClassTexts(), plain / plain.norm(-1, keepdim: true), 1e-6, "text features");
        }
        Assert.False(learner.EncodeClassTexts().requires_grad);
    }
}
