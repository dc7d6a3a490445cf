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
/// after warm-up, the number of live tensors stays flat (nothing native leaks per step) and the process's resident
/// memory stays within a band. <c>MAPLE_SOAK_STEPS</c> sets the length (default 5,000); <c>MAPLE_SOAK_REPORT</c> names a
/// file for the samples (step, RSS, live tensors, managed heap, glibc heap in use).
/// </summary>
/// <remarks>
/// Measured once (issue 15; Intel Xeon, 2 cores shared with other builds, load falling from 20 to 5): 5,000 steps in
/// 387 s; RSS 409 MiB at step 100, 485 MiB at step 1,000, then 482–522 MiB (final 511 MiB): inside the band, but
/// creeping about 6.5 MiB per 1,000 steps. Whether the creep levels off (allocator retention) or is a slow leak is what
/// the live-tensor and glibc-heap columns of the report decide; a longer run (<c>MAPLE_SOAK_STEPS=20000</c>) is still to
/// be made on an unloaded machine.
/// </remarks>
[Collection("Sequential")]
public sealed class SoakTests(ITestOutputHelper output)
{
    private const int DefaultSteps = 5000;
    private const int WarmUpSteps = 1000;

    /// <summary>Largest growth of resident memory allowed after warm-up (allocator and GC heap noise stay well inside).</summary>
    private const long BandBytes = 64L * 1024 * 1024;

    /// <summary>
    /// Largest spread of live tensors after warm-up: the loader's prefetch window holds a varying number of batches (two
    /// tensors each); one leaked tensor per step would add thousands.
    /// </summary>
    private const long TensorSpread = 64;

    [SoakFact]
    [Trait("Category", "Soak")]
    public async Task ResidentMemoryStaysWithinABandAndNoTensorLeaks()
    {
        int steps = int.TryParse(Environment.GetEnvironmentVariable("MAPLE_SOAK_STEPS"), CultureInfo.InvariantCulture, out int s) && s >= 2 * WarmUpSteps
            ? s / 10 * 10 : DefaultSteps;
        using var dir = new TempDir();
        var dataset = ToyWorldTask.Create(ClassSubset.Base, shots: 4, testPerClass: 1, seed: 1);   // 40 images: 10 steps of 4
        using var tuner = new PromptTunerBuilder()
            .UseBackbone(SampleAssets.Weights)
            .UseTokenizer(SampleAssets.Vocabulary)
            .UseMaPLe()
            .UseClassNames(dataset.PromptClassNames())
            .UseSeed(1)
            .Build();
        var samples = new List<MemorySample>();
        // The samples are written as they come, so a run stopped early still leaves its figures.
        using var log = Environment.GetEnvironmentVariable("MAPLE_SOAK_REPORT") is { Length: > 0 } file ? new StreamWriter(file) { AutoFlush = true } : null;
        log?.WriteLine("step\trss_mib\tlive_tensors\tmanaged_mib\tnative_in_use_mib");
        var progress = new SyncProgress<TrainingProgress>(p =>
        {
            if (p.GlobalStep % 100 != 0) return;
            samples.Add(MemorySample.Take(p.GlobalStep));
            log?.WriteLine(samples[^1]);
        });
        var options = new TrainingOptions
        {
            Epochs = steps / 10, BatchSize = 4, LearningRate = 0.0035, Seed = 1, LogEverySteps = 0,
            CheckpointDirectory = dir.Path, CheckpointEveryEpochs = 50,
        };
        var clock = Stopwatch.StartNew();
        var result = await tuner.FitAsync(dataset.Train, options, progress);
        clock.Stop();

        Assert.Equal(steps, result.History.Steps.Count);
        var after = samples.Where(x => x.Step >= WarmUpSteps).ToList();
        var atWarmUp = after[0];
        long max = after.Max(x => x.Rss);
        long tensorSpread = after.Max(x => x.LiveTensors) - after.Min(x => x.LiveTensors);
        string report = string.Create(CultureInfo.InvariantCulture,
            $"soak: {steps} steps in {clock.Elapsed.TotalSeconds:F0} s; RSS at step 100 {Mib(samples[0].Rss):F0} MiB, " +
            $"at step {WarmUpSteps} {Mib(atWarmUp.Rss):F0} MiB, after warm-up min {Mib(after.Min(x => x.Rss)):F0} / max {Mib(max):F0} MiB, " +
            $"final {Mib(samples[^1].Rss):F0} MiB, slope {Slope(after, x => x.Rss):F1} MiB per 1,000 steps (band {BandBytes / 1048576} MiB); " +
            $"live tensors {after.Min(x => x.LiveTensors)}–{after.Max(x => x.LiveTensors)}; managed heap slope {Slope(after, x => x.ManagedHeap):F2}, " +
            $"glibc heap in use slope {Slope(after, x => x.NativeInUse):F2} MiB per 1,000 steps");
        output.WriteLine(report);
        log?.WriteLine(report);
        Assert.True(tensorSpread <= TensorSpread, report);
        Assert.True(max - atWarmUp.Rss <= BandBytes, report);
    }

    private static double Mib(long bytes) => bytes / 1048576.0;

    // Least-squares slope of a quantity over the steps, in MiB per 1,000 steps.
    private static double Slope(IReadOnlyList<MemorySample> samples, Func<MemorySample, long> value)
    {
        double mx = samples.Average(x => (double)x.Step), my = samples.Average(x => Mib(value(x)));
        double sxy = samples.Sum(x => (x.Step - mx) * (Mib(value(x)) - my)), sxx = samples.Sum(x => (x.Step - mx) * (x.Step - mx));
        return sxx == 0 ? 0 : 1000 * sxy / sxx;
    }
}
