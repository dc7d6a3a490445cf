using BenchmarkDotNet.Attributes;
using MaPLe.Clip;
using MaPLe.Prompting;
using MaPLe.Prompting.MaPLe;
using MaPLe.Tokenization;
using MaPLe.Training;
using MaPLe.Tuning;
using static TorchSharp.torch;

namespace MaPLe.Benchmarks.Training;

/// <summary>
/// One MaPLe training step (n_ctx 2, depth 9, the base-to-novel config) on the fixture's tiny CLIP (64 px, 12+12
/// layers), batch 4, 5 classes: the bare step (forward over all class prompts and the batch, cross-entropy, backward,
/// SGD update) and the same step through <c>FitAsync</c> (dedicated thread, optimizer set-up, rollback snapshot,
/// finiteness checks).
/// </summary>
[MemoryDiagnoser]
public class TrainingStepBenchmarks
{
    private ClipBackbone _clip = null!;
    private PromptTuner _tuner = null!;
    private SgdOptimizer _optimizer = null!;
    private Tensor _images = null!;
    private Tensor _labels = null!;
    private TrainingOptions _oneStep = null!;

    /// <summary>Loads the tiny CLIP and the tokenizer, builds the tuner and a fixed batch.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _clip = ClipBackbone.Load(TrainingBenchmarkFixtures.File("clip-tiny", "openai.safetensors"));
        var tokenizer = ClipTokenizer.FromBpeFile(TrainingBenchmarkFixtures.File("clip", "bpe_simple_vocab_16e6.txt.gz"));
        _tuner = new PromptTunerBuilder()
            .UseBackbone(_clip)
            .UseTokenizer(tokenizer)
            .UseMaPLe()
            .UseClassNames(["abyssinian", "golden retriever", "pink primrose", "banded", "Annual Crop Land"])
            .UseSeed(0)
            .Build();
        _optimizer = new SgdOptimizer(_tuner.Learner.StateDict());
        var generator = new Generator(1);
        _images = randn([4, 3, 64, 64], generator: generator);
        _labels = tensor(new long[] { 0, 1, 2, 3 });
        _oneStep = new TrainingOptions { Epochs = 1, WarmupEpochs = 0, LearningRate = 1e-4, LogEverySteps = 0 };
        _tuner.Learner.SetTraining(true);
    }

    /// <summary>Forward, cross-entropy, backward and the SGD update.</summary>
    [Benchmark(Baseline = true)]
    public float BareStep()
    {
        using var scope = NewDisposeScope();
        _optimizer.ZeroGrad();
        var loss = nn.functional.cross_entropy(_tuner.Learner.Forward(_images).Logits, _labels);
        loss.backward();
        _optimizer.Step(1e-4);
        return loss.item<float>();
    }

    /// <summary>One step through <c>FitAsync</c> (a one-batch, one-epoch run).</summary>
    [Benchmark]
    public double FitAsyncOneStep() =>
        _tuner.FitAsync([(_images, _labels)], _oneStep).GetAwaiter().GetResult().History.Steps[0].Loss;

    /// <summary>Frees native memory.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _optimizer.Dispose();
        _tuner.Dispose();
        _clip.Dispose();
        _images.Dispose();
        _labels.Dispose();
    }
}

/// <summary>Finds the reference fixtures: <c>MAPLE_FIXTURES</c>, else <c>../shared/fixtures/reference</c> beside the clone.</summary>
internal static class TrainingBenchmarkFixtures
{
    public static string File(params string[] parts)
    {
        if (Environment.GetEnvironmentVariable("MAPLE_FIXTURES") is { Length: > 0 } root && System.IO.File.Exists(Path.Combine([root, .. parts])))
            return Path.Combine([root, .. parts]);
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !System.IO.File.Exists(Path.Combine(dir.FullName, "MaPLe.Core.sln")))
            dir = dir.Parent;
        return dir is null
            ? throw new FileNotFoundException($"{Path.Combine(parts)} not found: set MAPLE_FIXTURES to the fixture folder.")
            : Path.Combine([dir.FullName, "..", "shared", "fixtures", "reference", .. parts]);
    }
}
