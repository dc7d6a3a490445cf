using MaPLe.Clip;
using MaPLe.Clip.Modules;
using MaPLe.Pretraining;
using MaPLe.Tokenization;
using MaPLe.ToyWorld;
using static TorchSharp.torch;

namespace MaPLe.Tests.Pretraining;

[Collection("Sequential")]
public sealed class ContrastivePretrainerTests
{
    [Fact]
    public void SixtyFourStepsReduceTheContrastiveLoss()
    {
        var split = ToyWorldSplits.CreateDefault(0);
        var world = ToyWorldOptions.Clean with { ImageSize = 32 };
        var corpus = new ToyCaptionCorpus(3, 100_000, world, split.Holdout);
        var tokenizer = new BpeTrainer(new BpeTrainerOptions { MergeCount = 150 })
            .Train(Enumerable.Range(0, 2000).Select(i => corpus.GetCaption(i))).CreateTokenizer();
        var config = new ClipConfig(new ClipVisionConfig(64, 2, 2, 8, 32), new ClipTextConfig(64, 2, 2, 24, tokenizer.VocabularySize), 64);
        manual_seed(0);
        using var model = new ClipModel(config);
        using (var g = new Generator(0)) model.InitializeLikeOpenAI(g);

        var options = new ContrastivePretrainingOptions { Steps = 64, BatchSize = 32, LearningRate = 3e-3, WarmupSteps = 8, WeightDecay = 0 };
        var losses = new ContrastivePretrainer(model, tokenizer, options).Train(i => (corpus.GetImage((int)i), corpus.GetCaption((int)i)));

        Assert.Equal(64, losses.Count);
        Assert.All(losses, l => Assert.True(double.IsFinite(l)));
        // Chance level is ln(32) = 3.47 for a batch of 32; learning must move well below the first steps.
        double first = losses.Take(8).Average();
        double last = losses.TakeLast(8).Average();
        Assert.InRange(first, 3.0, 4.0);
        Assert.True(last < first - 0.2, $"loss {first:F3} -> {last:F3}");
        Assert.True(last < Math.Log(32) - 0.1, $"final loss {last:F3} is not better than chance ({Math.Log(32):F3})");
        Assert.All(model.parameters(), p => Assert.False(p.requires_grad));   // frozen again afterwards
    }

    [Fact]
    public void ScheduleWarmsUpThenDecaysToZero()
    {
        var o = new ContrastivePretrainingOptions { Steps = 110, WarmupSteps = 10, LearningRate = 1e-3 };
        Assert.Equal(1e-4, o.LearningRateAt(0), 12);
        Assert.Equal(1e-3, o.LearningRateAt(9), 12);
        Assert.Equal(1e-3, o.LearningRateAt(10), 12);
        Assert.Equal(0.5e-3, o.LearningRateAt(60), 12);     // halfway through the cosine
        Assert.Equal(0, o.LearningRateAt(110), 12);
    }

    [Fact]
    public void MismatchedVocabularyIsRejected()
    {
        var tokenizer = new BpeTrainer(new BpeTrainerOptions { MergeCount = 10 }).Train(["a red circle", "a blue square"]).CreateTokenizer();
        using var model = new ClipModel(new ClipConfig(new ClipVisionConfig(32, 1, 1, 8, 32), new ClipTextConfig(32, 1, 1, 16, 999), 32));
        var e = Assert.Throws<ArgumentException>(() => new ContrastivePretrainer(model, tokenizer, new ContrastivePretrainingOptions()));
        Assert.Contains("999", e.Message);
    }
}
