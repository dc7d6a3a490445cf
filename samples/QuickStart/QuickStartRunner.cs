using System.Globalization;
using MaPLe.Clip;
using MaPLe.Data;
using MaPLe.Experiments;
using MaPLe.Prompting;
using MaPLe.Tokenization;
using MaPLe.ToyWorld;
using MaPLe.Training;
using MaPLe.Tuning;
using static TorchSharp.torch;

namespace MaPLe.Samples.QuickStart;

/// <summary>What the QuickStart produced.</summary>
public sealed record QuickStartSummary(IReadOnlyList<MethodRun> Runs, IReadOnlyList<string> Plots);

/// <summary>Runs the QuickStart: data, methods, training, evaluation, table and plots.</summary>
public static class QuickStartRunner
{
    /// <summary>Runs everything and writes the report to <paramref name="log"/>.</summary>
    public static async Task<QuickStartSummary> RunAsync(QuickStartOptions options, TextWriter log, CancellationToken cancellationToken = default)
    {
        var device = options.Device.Equals("cuda", StringComparison.OrdinalIgnoreCase) ? CUDA : CPU;
        log.WriteLine($"Loading CLIP weights {options.Weights}");
        var dtype = options.DType == "bf16" ? ScalarType.BFloat16 : ScalarType.Float32;
        using var clip = ClipBackbone.Load(options.Weights, new ClipBackboneOptions { Device = device, ComputeDType = dtype });
        var tokenizer = ClipTokenizer.FromBpeFile(options.Vocabulary, clip.Config.Text.VocabularySize - 514);   // as many merges as the model has tokens for
        log.WriteLine($"  vision {clip.Config.Vision.Width}x{clip.Config.Vision.Layers} patch {clip.Config.Vision.PatchSize} @ {clip.Config.Vision.ImageSize}px, " +
                      $"text {clip.Config.Text.Width}x{clip.Config.Text.Layers}, vocabulary {tokenizer.VocabularySize}, logit scale {clip.LogitScale:F2}");

        var (baseData, novelData) = OpenData(options, log);
        log.WriteLine($"Base classes ({baseData.ClassNames.Count}): {string.Join(", ", baseData.PromptClassNames())}");
        log.WriteLine($"Novel classes ({novelData.ClassNames.Count}): {string.Join(", ", novelData.PromptClassNames())}");
        log.WriteLine($"{options.Shots} shots per base class: {baseData.Train.Count} training images; test: {baseData.Test.Count} base, {novelData.Test.Count} novel");

        var methods = options.Methods.Select(MethodOptions).ToList();
        var experimentOptions = new Base2NovelExperimentOptions
        {
            Methods = methods,
            Seed = options.Seed,
            Training = methods.Where(m => PromptMethods.Of(m).CanTrain).ToDictionary(m => m.Method, m => Recipe(m.Method, options)),
        };
        var experiment = new Base2NovelExperiment(clip, tokenizer, experimentOptions);
        experiment.MethodStarted += (method, recipe) => log.WriteLine(recipe is null
            ? $"\n== {method}: no training"
            : $"\n== {method}: {recipe.Epochs} epochs, batch {recipe.BatchSize}, lr {recipe.LearningRate}");
        var progress = new SynchronousProgress<TrainingProgress>(p =>
        {
            if (p.Step == p.StepsPerEpoch)
                log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"   epoch {p.Epoch}/{p.Epochs}  last loss {p.Loss:F3}  lr {p.LearningRate:G4}  {p.ImagesPerSecond:F0} img/s  eta {p.Eta:mm\\:ss}"));
        });
        var runs = await experiment.RunAsync(baseData, novelData, progress, cancellationToken);

        log.WriteLine();
        log.WriteLine("| method | params | base | novel | HM | train s |");
        log.WriteLine("|---|---:|---:|---:|---:|---:|");
        foreach (var r in runs)
            log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Method} | {r.TrainableParameters:N0} | {r.Result.BaseAccuracy:F2} | {r.Result.NovelAccuracy:F2} | {r.Result.HarmonicMean:F2} | {r.TrainSeconds:F0} |"));

        Directory.CreateDirectory(options.Output);
        var plots = QuickStartPlots.Write(runs, options.Output);
        log.WriteLine();
        foreach (var p in plots) log.WriteLine($"wrote {Path.GetFullPath(p)}");
        return new QuickStartSummary(runs, plots);
    }

    private static (IImageDataset Base, IImageDataset Novel) OpenData(QuickStartOptions options, TextWriter log)
    {
        if (options.Dataset is { } name)
        {
            var common = new DatasetOptions { NumShots = options.Shots, Seed = options.Seed };
            log.WriteLine($"Dataset {name} from {options.DataRoot}");
            return (Datasets.Open(name, options.DataRoot!, common with { Subsample = ClassSubset.Base }),
                    Datasets.Open(name, options.DataRoot!, common with { Subsample = ClassSubset.Novel }));
        }
        log.WriteLine("Dataset: the procedural toy world seen through a shifted camera (hue +35°, saturation ×0.5) — a domain gap");
        log.WriteLine("         for the tiny CLIP, pretrained on neutral colours; novel colour×shape pairs were never seen in pretraining");
        return ToyWorldTask.CreateBaseToNovel(options.Shots, options.TestPerClass, options.Seed);
    }

    /// <summary>Each method with the paper's options (on a tiny CLIP; widths come from the weights).</summary>
    public static PromptMethodOptions MethodOptions(string method)
    {
        try
        {
            return PromptMethodRegistry.DefaultOptions(method);
        }
        catch (ArgumentException e)
        {
            throw new QuickStartUsageException($"--methods: {e.Message}");
        }
    }

    /// <summary>
    /// The paper's recipes, scaled to the toy task: CoOp's 16-shot ViT-B/16 config trains 50 epochs at batch 32 (the
    /// shortest of its configs); the other methods use their 5-epoch configs unchanged.
    /// </summary>
    public static TrainingOptions Recipe(string method, QuickStartOptions options)
    {
        var recipe = method switch
        {
            "coop" => TrainingPresets.CoOpEp50,
            _ => TrainingPresets.ForMethod(method),
        };
        return options.Epochs is { } e ? recipe with { Epochs = e } : recipe;
    }
}
