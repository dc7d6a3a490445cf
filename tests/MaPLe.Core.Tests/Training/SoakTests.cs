using System.Diagnostics;
using System.Globalization;
using MaPLe.Data;
using MaPLe.Tests.TestSupport;
using MaPLe.ToyWorld;
using MaPLe.Training;
using MaPLe.Tuning;
using Xunit.Abstractions;

namespace MaPLe.Tests.Training;

/// <summary>Runs only with <c>MAPLE_SOAK=1</c> in the environment (minutes): not part of the default test run.</summary>
public sealed class SoakFactAttribute : FactAttribute
{
    /// <summary>Skips the test unless MAPLE_SOAK=1.</summary>
    public SoakFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("MAPLE_SOAK") != "1")
            Skip = "soak test: set MAPLE_SOAK=1 to run it";
    }
}

/// <summary>
/// A long MaPLe run on the shipped tiny CLIP through the real image pipeline (loader workers, transforms, checkpoints):
/// after warm-up, the process's resident memory must stay within a band — nothing native or managed leaks per step.
/// </summary>
[Collection("Sequential")]
public sealed class SoakTests(ITestOutputHelper output)
{
    private const int Steps = 5000;
    private const int WarmUpSteps = 1000;

    /// <summary>Largest growth of resident memory allowed after warm-up (allocator and GC heap noise stay well inside).</summary>
    private const long BandBytes = 64L * 1024 * 1024;

    [SoakFact]
    [Trait("Category", "Soak")]
    public async Task ResidentMemoryStaysWithinABandOverFiveThousandSteps()
    {
        using var dir = new TempDir();
        var dataset = ToyWorldTask.Create(ClassSubset.Base, shots: 4, testPerClass: 1, seed: 1);   // 40 images: 10 steps of 4
        using var tuner = new PromptTunerBuilder()
            .UseBackbone(SampleAssets.Weights)
            .UseTokenizer(SampleAssets.Vocabulary)
            .UseMaPLe()
            .UseClassNames(dataset.PromptClassNames())
            .UseSeed(1)
            .Build();
        var samples = new List<(long Step, long Rss)>();
        var process = Process.GetCurrentProcess();
        var progress = new SyncProgress<TrainingProgress>(p =>
        {
            if (p.GlobalStep % 100 != 0) return;
            process.Refresh();
            samples.Add((p.GlobalStep, process.WorkingSet64));
        });
        var options = new TrainingOptions
        {
            Epochs = Steps / 10, BatchSize = 4, LearningRate = 0.0035, Seed = 1, LogEverySteps = 0,
            CheckpointDirectory = dir.Path, CheckpointEveryEpochs = 50,
        };
        var clock = Stopwatch.StartNew();
        var result = await tuner.FitAsync(dataset.Train, options, progress);
        clock.Stop();

        Assert.Equal(Steps, result.History.Steps.Count);
        long atWarmUp = samples.First(s => s.Step >= WarmUpSteps).Rss;
        var after = samples.Where(s => s.Step >= WarmUpSteps).ToList();
        long max = after.Max(s => s.Rss);
        long min = after.Min(s => s.Rss);
        string report = string.Create(CultureInfo.InvariantCulture,
            $"soak: {Steps} steps in {clock.Elapsed.TotalSeconds:F0} s; RSS at step 100 {samples[0].Rss / 1048576.0:F0} MiB, " +
            $"at step {WarmUpSteps} {atWarmUp / 1048576.0:F0} MiB, after warm-up min {min / 1048576.0:F0} / max {max / 1048576.0:F0} MiB, " +
            $"final {samples[^1].Rss / 1048576.0:F0} MiB (band {BandBytes / 1048576} MiB)");
        output.WriteLine(report);
        if (Environment.GetEnvironmentVariable("MAPLE_SOAK_REPORT") is { Length: > 0 } file)
            File.WriteAllLines(file, [report, .. samples.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Step}\t{s.Rss / 1048576.0:F1}"))]);
        Assert.True(max - atWarmUp <= BandBytes, report);
    }
}
