using MaPLe.Prompting;
using MaPLe.Prompting.CoCoOp;
using MaPLe.Tests.TestSupport;
using static TorchSharp.torch;

namespace MaPLe.Tests.Prompting;

/// <summary>CoCoOp's image-conditioned text features: the batched pass equals one pass per image, as upstream loops.</summary>
public sealed class CoCoOpTests(TinyClipFixture fixture) : IClassFixture<TinyClipFixture>
{
    [Fact]
    public void BatchedClassFeaturesEqualOnePassPerImage()
    {
        using var scope = NewDisposeScope();
        using var learner = new CoCoOpOptions().CreateLearner(fixture.Clip, CaseLearners.Tokenizer, TinyClipFixture.Classes);
        using var _ = no_grad();
        // Our own seeded weights: with the default init (global RNG) every ReLU of the tiny meta-net can be off, and then
        // all images would share one context.
        using (var generator = new Generator(7))
            foreach (var p in learner.TrainableParameters)
                p.copy_(randn(p.shape, generator: generator) * 0.5);
        var images = learner.EncodeImages(TinyClipFixture.Images(3));
        var batched = learner.EncodeClassTexts(images);
        Assert.Equal([3L, 5L, 64L], batched.shape);
        for (int b = 0; b < 3; b++)
            TensorAssert.Close(batched[b], learner.EncodeClassTexts(images[b..(b + 1)])[0], 1e-5, $"image {b}");
        // Different images give different class features (the point of the meta-net).
        Assert.True(TensorAssert.MaxAbsDiff(batched[0], batched[1]) > 1e-6);
    }

    [Fact]
    public void TheMetaNetHasUpstreamsShapesAndNames()
    {
        using var learner = new CoCoOpOptions().CreateLearner(fixture.Clip, CaseLearners.Tokenizer, TinyClipFixture.Classes);
        var state = learner.StateDict();
        // Tiny CLIP: embed 64 → 64/16 = 4 → text width 64.
        Assert.Equal([4L, 64L], state["prompt_learner.meta_net.linear1.weight"].shape);
        Assert.Equal([4L], state["prompt_learner.meta_net.linear1.bias"].shape);
        Assert.Equal([64L, 4L], state["prompt_learner.meta_net.linear2.weight"].shape);
        Assert.Equal([64L], state["prompt_learner.meta_net.linear2.bias"].shape);
        Assert.True(learner.TextDependsOnImage);
    }

    [Fact]
    public void ClassFeaturesNeedTheImageFeatures()
    {
        using var learner = new CoCoOpOptions().CreateLearner(fixture.Clip, CaseLearners.Tokenizer, TinyClipFixture.Classes);
        var e = Assert.Throws<ArgumentNullException>(() => learner.EncodeClassTexts());
        Assert.Contains("image", e.Message);
    }
}
