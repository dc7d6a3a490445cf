using MaPLe.Training;

namespace MaPLe.Tests.Training;

/// <summary>Dassl's per-epoch cosine schedule with constant warm-up (reference §3.2) and the paper presets (§3.1).</summary>
public sealed class LearningRateScheduleTests
{
    [Fact]
    public void MaPLeBaseToNovelRatesAreDasslsFiveEpochRates()
    {
        var rates = CosineWarmupSchedule.From(TrainingPresets.MaPLeBaseToNovel).EpochRates();
        AssertRates([1e-5, 0.0035, 0.0031658, 0.0022908, 0.0012092], rates);
    }

    [Fact]
    public void CrossDatasetRunsOneWarmUpAndOneFullEpoch() =>
        AssertRates([1e-5, 0.0026], CosineWarmupSchedule.From(TrainingPresets.MaPLeCrossDataset).EpochRates());

    [Fact]
    public void CoCoOpTenEpochRates() =>
        AssertRates([1e-5, .002, .0019511, .0018090, .0015878, .0013090, .001, .00069098, .00041221, .00019098],
            CosineWarmupSchedule.From(TrainingPresets.CoCoOp).EpochRates());

    [Fact]
    public void PerEpochRateIsTheSameForEveryStepOfAnEpoch()
    {
        var schedule = CosineWarmupSchedule.From(TrainingPresets.MaPLeBaseToNovel);
        Assert.All(Enumerable.Range(0, 7), s => Assert.Equal(schedule.RateAt(2, 0, 7), schedule.RateAt(2, s, 7)));
        Assert.Equal(1e-5, schedule.RateAt(0, 6, 7));
    }

    [Fact]
    public void PerStepRateFollowsFractionalEpochs()
    {
        var schedule = CosineWarmupSchedule.From(TrainingPresets.MaPLeBaseToNovel with { ScheduleStep = ScheduleGranularity.PerStep });
        Assert.Equal(1e-5, schedule.RateAt(0, 3, 4));
        Assert.Equal(0.0035, schedule.RateAt(1, 0, 4), 12);
        // epoch 1 (first after warm-up), step 2 of 4: t = 0.5 of the 5-epoch cosine.
        Assert.Equal(0.0035 * (1 + Math.Cos(Math.PI * 0.5 / 5)) / 2, schedule.RateAt(1, 2, 4), 12);
        Assert.True(schedule.RateAt(1, 3, 4) < schedule.RateAt(1, 2, 4));
    }

    [Fact]
    public void WithoutRecountTheCosineCountsTheWarmUpEpoch()
    {
        var schedule = CosineWarmupSchedule.From(TrainingPresets.MaPLeBaseToNovel with { WarmupRecount = false });
        AssertRates([1e-5, 0.0031658, 0.0022908, 0.0012092, 0.00033422], schedule.EpochRates());
    }

    [Fact]
    public void NoWarmUpStartsAtThePeak() =>
        AssertRates([0.002, 0.0019511], new CosineWarmupSchedule(0.002, 10, warmupEpochs: 0).EpochRates().Take(2).ToList());

    [Fact]
    public void ExplicitScheduleIndexesGlobalStepsAndRefusesToRunOut()
    {
        var schedule = new ExplicitLearningRateSchedule([0.1, 0.2, 0.3, 0.4]);
        Assert.Equal(0.3, schedule.RateAt(1, 0, 2));
        Assert.Equal(0.4, schedule.RateAt(1, 1, 2));
        var e = Assert.Throws<InvalidOperationException>(() => schedule.RateAt(2, 0, 2));
        Assert.Contains("4 rates", e.Message);
        Assert.Throws<ArgumentException>(() => new ExplicitLearningRateSchedule([0.1, double.NaN]));
        Assert.Throws<ArgumentException>(() => new ExplicitLearningRateSchedule([]));
    }

    [Fact]
    public void DescriptionsDifferWhenTheScheduleDiffers()
    {
        var a = CosineWarmupSchedule.From(TrainingPresets.MaPLeBaseToNovel).Description;
        Assert.Equal(a, CosineWarmupSchedule.From(TrainingPresets.MaPLeBaseToNovel).Description);
        Assert.NotEqual(a, CosineWarmupSchedule.From(TrainingPresets.MaPLeBaseToNovel with { LearningRate = 0.0036 }).Description);
        Assert.NotEqual(a, CosineWarmupSchedule.From(TrainingPresets.MaPLeBaseToNovel with { ScheduleStep = ScheduleGranularity.PerStep }).Description);
    }

    [Fact]
    public void PresetsCarryThePaperConfigs()
    {
        AssertPreset(TrainingPresets.MaPLeBaseToNovel, 4, 0.0035, 5);
        AssertPreset(TrainingPresets.MaPLeCrossDataset, 4, 0.0026, 2);
        AssertPreset(TrainingPresets.IndependentVL, 4, 0.0035, 5);
        AssertPreset(TrainingPresets.DeepLanguage, 4, 0.0025, 5);
        AssertPreset(TrainingPresets.DeepVision, 4, 0.0025, 5);
        AssertPreset(TrainingPresets.CoOp, 32, 0.002, 200);
        AssertPreset(TrainingPresets.CoOpEp100, 32, 0.002, 100);
        AssertPreset(TrainingPresets.CoOpEp50, 32, 0.002, 50);
        AssertPreset(TrainingPresets.CoCoOp, 1, 0.002, 10);
        foreach (var p in new[] { TrainingPresets.MaPLeBaseToNovel, TrainingPresets.CoOp, TrainingPresets.CoCoOp })
        {
            Assert.Equal((0.9, 5e-4, 0.0, false), (p.Momentum, p.WeightDecay, p.Dampening, p.Nesterov));
            Assert.Equal((1, 1e-5, true, ScheduleGranularity.PerEpoch), (p.WarmupEpochs, p.WarmupLearningRate, p.WarmupRecount, p.ScheduleStep));
        }
        Assert.Same(TrainingPresets.MaPLeBaseToNovel, TrainingPresets.ForMethod("MaPLe"));
        Assert.Same(TrainingPresets.CoCoOp, TrainingPresets.ForMethod("cocoop"));
        Assert.Throws<ArgumentException>(() => TrainingPresets.ForMethod("zeroshot"));
        Assert.Throws<ArgumentException>(() => TrainingPresets.ForMethod("nope"));
    }

    [Fact]
    public void InvalidOptionsAreAllReportedByName()
    {
        var e = Assert.Throws<ArgumentException>(() => new TrainingOptions { Epochs = 0, LearningRate = -1, Dampening = 2, AutoResume = true }.Validate());
        Assert.Contains("Epochs", e.Message);
        Assert.Contains("LearningRate", e.Message);
        Assert.Contains("Dampening", e.Message);
        Assert.Contains("AutoResume needs CheckpointDirectory", e.Message);
    }

    private static void AssertPreset(TrainingOptions o, int batch, double lr, int epochs)
    {
        Assert.Equal((batch, lr, epochs), (o.BatchSize, o.LearningRate, o.Epochs));
        o.Validate();
    }

    private static void AssertRates(IReadOnlyList<double> expected, IReadOnlyList<double> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (int i = 0; i < expected.Count; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-7, $"epoch {i}: {actual[i]:G8} vs {expected[i]:G8}");
    }
}
