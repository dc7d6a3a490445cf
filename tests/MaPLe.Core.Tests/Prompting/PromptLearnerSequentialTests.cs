using MaPLe.Prompting;
using MaPLe.Tests.TestSupport;
using MaPLe.Tuning;
using TorchSharp;
using static TorchSharp.torch;

namespace MaPLe.Tests.Prompting;

/// <summary>Conformance checks that read or set process-global torch state (the seed, live-tensor statistics).</summary>
[Collection("Sequential")]
public sealed class PromptLearnerSequentialTests(TinyClipFixture fixture) : IClassFixture<TinyClipFixture>
{
    private static readonly string[] TwoClasses = ["abyssinian", "golden retriever"];

    private IPromptLearner Create(string row, IReadOnlyList<string>? classes = null) =>
        PromptMethodRows.Options(row).CreateLearner(fixture.Clip, CaseLearners.Tokenizer, classes ?? TinyClipFixture.Classes);

    [Theory]
    [MemberData(nameof(PromptMethodRows.All), MemberType = typeof(PromptMethodRows))]
    public void TheSameSeedGivesTheSameInitialPrompts(string row)
    {
        manual_seed(1234);
        using var a = Create(row);
        manual_seed(1234);
        using var b = Create(row);
        foreach (var (key, value) in a.StateDict())
            TensorAssert.Close(b.StateDict()[key], value, 0, $"{row} {key}");
    }

    [Theory]
    [MemberData(nameof(PromptMethodRows.OnePerMethod), MemberType = typeof(PromptMethodRows))]
    public void TwentyTrainingStepsLeaveNoTensorBehind(string row)
    {
        using var learner = Create(row, TwoClasses);
        using var images = TinyClipFixture.Images(1);
        using var labels = tensor(new long[] { 1 });
        void Step()
        {
            using var scope = NewDisposeScope();
            learner.SetTraining(true);
            var loss = learner.Loss(images, labels);
            if (learner.TrainableParameterCount > 0)
                loss.backward();
        }

        Step();
        Step();   // the first steps allocate gradients and caches
        long live = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        for (int i = 0; i < 20; i++)
            Step();
        Assert.Equal(live, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
    }

    [Theory]
    [MemberData(nameof(PromptMethodRows.OnePerMethod), MemberType = typeof(PromptMethodRows))]
    public void TwentyInferenceBatchesWithCachedTextLeaveNoTensorBehind(string row)
    {
        using var tuner = new PromptTunerBuilder()
            .UseBackbone(fixture.Clip)
            .UseTokenizer(CaseLearners.Tokenizer)
            .UseMethod(PromptMethodRows.Options(row))
            .UseClassNames(TwoClasses)
            .Build();
        using var images = TinyClipFixture.Images(1);
        tuner.Logits(images).Dispose();
        long live = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        for (int i = 0; i < 20; i++)
        {
            using var scope = NewDisposeScope();
            Assert.Equal([1L, 2L], tuner.Logits(images).shape);
        }
        Assert.Equal(live, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
    }
}
