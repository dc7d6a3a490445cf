using MaPLe.Benchmarks.Reporting;
using MaPLe.Clip;
using MaPLe.Prompting;
using MaPLe.Prompting.CoOp;
using MaPLe.Prompting.MaPLe;
using MaPLe.Tests.TestSupport;
using MaPLe.Tokenization;
using static TorchSharp.torch;

namespace MaPLe.Tests.Benchmarks;

/// <summary>
/// The benchmarks' FLOP counter, attached from outside through forward hooks, against counts written out by hand from the
/// architecture: the same numbers the counter inside the model's forward produced before (matrix products only, one
/// multiply-add = 2, gradient products for what the graph requires).
/// </summary>
public sealed class FlopCounterTests
{
    private static readonly string[] ClassNames = ["cat", "golden retriever", "pink primrose"];

    // A pre-LN block over t tokens of width w: q|k|v projection, QKᵀ and weights·V, out projection, MLP (w→4w→w).
    private static long Block(long t, long w) => 2 * t * (3 * w * w + w * w + 8 * w * w) + Attention(t, w);

    private static long Attention(long t, long w) => 4 * t * t * w;

    // The last vision block computing the class token only: keys/values of all t tokens, query, out projection and MLP of one.
    private static long ClassTokenBlock(long t, long w) => 2 * t * 2 * w * w + 2 * (w * w + w * w + 8 * w * w) + ClassTokenAttention(t, w);

    private static long ClassTokenAttention(long t, long w) => 4 * t * w;

    private sealed record Tower(long Forward, long Attention, long PatchEmbedding);

    // One image through the vision tower with `extra` prompt tokens appended after the patches.
    private static Tower Image(ClipConfig config, int extra = 0)
    {
        var v = config.Vision;
        long w = v.Width, t = v.SequenceLength + extra;
        long patch = 2 * v.Grid * v.Grid * w * 3 * v.PatchSize * v.PatchSize;
        long forward = patch + (v.Layers - 1) * Block(t, w) + ClassTokenBlock(t, w) + 2 * w * config.EmbedDim;
        return new Tower(forward, (v.Layers - 1) * Attention(t, w) + ClassTokenAttention(t, w), patch);
    }

    // `prompts` texts through the causal text tower, computed up to the longest one's EOT (`positions` tokens).
    private static Tower Text(ClipConfig config, long prompts, long positions)
    {
        var x = config.Text;
        long forward = prompts * (x.Layers * Block(positions, x.Width) + 2 * x.Width * config.EmbedDim);
        return new Tower(forward, prompts * x.Layers * Attention(positions, x.Width), 0);
    }

    private static Tensor Blank(ClipBackbone clip, long images) =>
        zeros(images, 3, clip.Config.Vision.ImageSize, clip.Config.Vision.ImageSize);

    // SOT + the prompt's tokens + EOT, for the longest of the class prompts "a photo of a {class}.".
    private static long PromptPositions(IClipTokenizer tokenizer) =>
        ClassNames.Max(c => tokenizer.Encode($"a photo of a {c}.").Count + 2);

    [Fact]
    public void CountsTheImageTowerProductsAndTheInputGradientsTheyNeed()
    {
        using var scope = NewDisposeScope();
        using var clip = ClipBackbone.Load(Fixtures.TinyOpenAiWeights);
        long b = 2;
        var tower = Image(clip.Config);
        using var g = new Generator(11);
        var images = randn([b, 3, clip.Config.Vision.ImageSize, clip.Config.Vision.ImageSize], generator: g);

        using (no_grad())
        using (var counter = FlopCounter.Attach(clip.Model))
        {
            clip.EncodeImage(images);
            Assert.Equal(b * tower.Forward, counter.ForwardFlops);
            Assert.Equal(0, counter.BackwardFlops);
        }

        // With the images requiring gradients every product needs its input gradient (attention: four products).
        using var outer = FlopCounter.Attach(clip.Model);
        using (var inner = FlopCounter.Attach(clip.Model))
        {
            clip.EncodeImage(images.requires_grad_(true));
            Assert.Equal(b * tower.Forward, inner.ForwardFlops);
            Assert.Equal(b * (tower.Forward + tower.Attention), inner.BackwardFlops);
        }
        Assert.Equal(b * tower.Forward, outer.ForwardFlops);   // two counters on one model both count
    }

    [Fact]
    public void ADisposedCounterLeavesTheModelUnobserved()
    {
        using var scope = NewDisposeScope();
        using var clip = ClipBackbone.Load(Fixtures.TinyOpenAiWeights);
        var images = Blank(clip, 1);
        using var _ = no_grad();
        var counter = FlopCounter.Attach(clip.Model);
        clip.EncodeImage(images);
        counter.Dispose();
        clip.EncodeImage(images);
        Assert.Equal(Image(clip.Config).Forward, counter.TotalFlops);
    }

    [Fact]
    public void CountsACoOpTrainingStepTextGradientsOnly()
    {
        using var scope = NewDisposeScope();
        using var clip = ClipBackbone.Load(Fixtures.TinyOpenAiWeights);
        var tokenizer = ClipTokenizer.FromBpeFile(Fixtures.BpeVocab);
        using var learner = new CoOpOptions().CreateLearner(clip, tokenizer, ClassNames);
        learner.SetTraining(true);
        long b = 2;
        var images = Blank(clip, b);

        using var counter = FlopCounter.Attach(clip.Model);
        learner.ComputeTrainingLoss(images, tensor(new long[] { 0, 2 }));

        // The frozen image tower needs no gradient; every text product needs its input gradient (the context is learned).
        var image = Image(clip.Config);
        var text = Text(clip.Config, ClassNames.Length, PromptPositions(tokenizer));
        Assert.Equal(b * image.Forward + text.Forward, counter.ForwardFlops);
        Assert.Equal(text.Forward + text.Attention, counter.BackwardFlops);
    }

    [Fact]
    public void CountsAMaPLeTrainingStepWithPromptsInBothTowers()
    {
        using var scope = NewDisposeScope();
        using var clip = ClipBackbone.Load(Fixtures.TinyOpenAiWeights);
        var tokenizer = ClipTokenizer.FromBpeFile(Fixtures.BpeVocab);
        var options = new MaPLeOptions();
        using var learner = options.CreateLearner(clip, tokenizer, ClassNames);
        learner.SetTraining(true);
        long b = 2;
        var images = Blank(clip, b);

        using var counter = FlopCounter.Attach(clip.Model);
        learner.ComputeTrainingLoss(images, tensor(new long[] { 0, 2 }));

        // The vision prompts (appended after the patches) carry gradients from the first block on; the images do not,
        // so the patch embedding has no gradient product.
        var image = Image(clip.Config, extra: options.PromptLength);
        var text = Text(clip.Config, ClassNames.Length, PromptPositions(tokenizer));
        Assert.Equal(b * image.Forward + text.Forward, counter.ForwardFlops);
        Assert.Equal(b * (image.Forward + image.Attention - image.PatchEmbedding) + text.Forward + text.Attention, counter.BackwardFlops);
    }

    [Fact]
    public void CachedClassTextFeaturesLeaveTheImageTowerToCount()
    {
        using var scope = NewDisposeScope();
        using var clip = ClipBackbone.Load(Fixtures.TinyOpenAiWeights);
        using var learner = new CoOpOptions().CreateLearner(clip, ClipTokenizer.FromBpeFile(Fixtures.BpeVocab), ClassNames);
        var images = Blank(clip, 3);
        using var _ = no_grad();
        learner.Forward(images);   // caches the class text features

        using var counter = FlopCounter.Attach(clip.Model);
        learner.Forward(images);
        Assert.Equal(3 * Image(clip.Config).Forward, counter.TotalFlops);
    }

    [Fact]
    public void CountsTheModuleItIsAttachedTo()
    {
        using var scope = NewDisposeScope();
        using var clip = ClipBackbone.Load(Fixtures.TinyOpenAiWeights);
        var images = Blank(clip, 2);
        using var _ = no_grad();
        using var counter = FlopCounter.Attach(clip.Model.visual.conv1);   // a leaf: only the patch embedding counts
        clip.EncodeImage(images);
        Assert.Equal(2 * Image(clip.Config).PatchEmbedding, counter.TotalFlops);
    }
}
