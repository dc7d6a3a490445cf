using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using MaPLe.Clip;
using MaPLe.Data;
using MaPLe.Evaluation;
using MaPLe.Experiments;
using MaPLe.Prompting;
using MaPLe.Tokenization;
using MaPLe.Training;
using MaPLe.Tuning;

namespace MaPLe.Cli.Sweeps;

/// <summary>
/// Runs one cell of a runs folder end to end, idempotently: a finished cell is skipped, a killed one resumes from its
/// checkpoint, a cell another live worker holds is left alone. Writes <c>result.json</c> atomically when done and
/// <c>failure.json</c> when the work fails.
/// </summary>
public sealed class CellRunner(CliContext context)
{
    /// <summary>Runs cell <paramref name="index"/> of <paramref name="runs"/>; returns the process exit code.</summary>
    /// <exception cref="ArgumentException">The index is outside the sweep.</exception>
    public async Task<int> RunAsync(string runs, int index, CancellationToken cancellationToken)
    {
        var sweep = SweepIndex.Read(runs);
        if (index < 0 || index >= sweep.Cells.Count)
            throw new ArgumentException($"Cell index {index} is outside the sweep in '{runs}' (0 to {sweep.Cells.Count - 1}).");
        string folder = SweepIndex.CellFolder(runs, sweep.Cells[index]);
        var spec = RunSpec.Read(Path.Combine(folder, CellFiles.Spec));
        string resultPath = Path.Combine(folder, CellFiles.Result);
        if (CellResult.TryRead(resultPath) is not null)
        {
            context.Out.WriteLine($"skipped: {spec.Id} is done ({resultPath})");
            return ExitCodes.Ok;
        }
        using var cellLock = CellLock.TryAcquire(folder, out var holder);
        if (cellLock is null)
        {
            context.Out.WriteLine($"skipped: {spec.Id} is running in another worker ({holder?.ToString() ?? "owner unknown"}); retry later");
            return ExitCodes.Skipped;
        }
        if (cellLock.TookOverFrom is { } stale)
            context.Out.WriteLine($"{spec.Id}: took over the stale lock of a worker that stopped ({stale})");
        if (CellResult.TryRead(resultPath) is not null)
        {
            context.Out.WriteLine($"skipped: {spec.Id} is done ({resultPath})");
            return ExitCodes.Ok;
        }
        try
        {
            var result = await ExecuteAsync(spec, folder, runs, cancellationToken);
            AtomicFile.WriteAllText(resultPath, JsonSerializer.Serialize(result, RunSpec.Json) + "\n");
            File.Delete(Path.Combine(folder, CellFiles.Failure));
            context.Out.WriteLine($"done: {spec.Id} -> {resultPath}");
            return ExitCodes.Ok;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var failure = new CellFailure(spec.Id, e.GetType().Name, e.Message, Environment.MachineName, DateTime.UtcNow);
            AtomicFile.WriteAllText(Path.Combine(folder, CellFiles.Failure), JsonSerializer.Serialize(failure, RunSpec.Json) + "\n");
            throw;
        }
    }

    private async Task<CellResult> ExecuteAsync(RunSpec spec, string folder, string runs, CancellationToken ct)
    {
        var total = Stopwatch.StartNew();
        var protocol = SweepProtocols.Parse(spec.Protocol);
        var options = MethodOverrides.FromJson(spec.Method, spec.Options);
        string checkpoints = Path.Combine(folder, CellFiles.Checkpoints);
        var recipe = spec.Training is null ? null
            : TrainingOverrides.FromJson(spec.Training, Path.Combine(folder, CellFiles.Spec)) with { Seed = spec.Seed, CheckpointDirectory = checkpoints, AutoResume = true };
        using var backbone = CliContext.LoadBackbone(spec.Weights, spec.Device, spec.DType);
        var tokenizer = CliContext.LoadTokenizer(spec.Vocabulary, backbone);
        if (recipe is not null && File.Exists(Path.Combine(checkpoints, TrainingCheckpoint.FileName)))
            context.Out.WriteLine($"{spec.Id}: resuming from {Path.Combine(checkpoints, TrainingCheckpoint.FileName)}");
        context.Out.WriteLine($"{spec.Id}: {spec.Method} on {spec.Dataset.Name}, {spec.Shots} shots, seed {spec.Seed}, {spec.Device}");
        var progress = new SynchronousProgress<TrainingProgress>(p =>
        {
            if (p.Step == p.StepsPerEpoch)
                context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{spec.Id}: epoch {p.Epoch}/{p.Epochs} loss {p.Loss:F4} lr {p.LearningRate:G5}"));
        });
        var result = protocol == SweepProtocol.BaseToNovel
            ? await BaseToNovelAsync(spec, runs, backbone, tokenizer, options, recipe, progress, total, ct)
            : await TransferAsync(spec, runs, backbone, tokenizer, options, recipe, progress, total, ct);
        return result with
        {
            Options = MethodOverrides.ToJson(options),
            Recipe = recipe is null ? null : TrainingOverrides.ToJson(recipe),
            BackboneFingerprint = backbone.Fingerprint,
            Timings = result.Timings with { Total = total.Elapsed.TotalSeconds },
        };
    }

    private static async Task<CellResult> BaseToNovelAsync(RunSpec spec, string runs, IClipBackbone backbone, IClipTokenizer tokenizer,
        PromptMethodOptions options, TrainingOptions? recipe, IProgress<TrainingProgress> progress, Stopwatch total, CancellationToken ct)
    {
        var (baseData, novelData) = SweepDatasets.OpenBaseToNovel(spec.Dataset, spec.Shots, spec.Seed, runs);
        double load = total.Elapsed.TotalSeconds;
        // The library's own protocol runner, so a cell computes exactly what Base2NovelExperiment computes in one process.
        var experiment = new Base2NovelExperiment(backbone, tokenizer, new Base2NovelExperimentOptions
        {
            Methods = [options], Seed = spec.Seed,
            Training = recipe is null ? new Dictionary<string, TrainingOptions>() : new Dictionary<string, TrainingOptions> { [options.Method] = recipe },
        });
        var run = (await experiment.RunAsync(baseData, novelData, progress, ct))[0];
        return Describe(spec, run.TrainableParameters, run.Training, new CellTimings(load, run.TrainSeconds, run.Result.Base.Seconds + run.Result.Novel.Seconds, 0)) with
        {
            Base = EvaluationSummary.From(run.Result.Base, baseData.Name),
            Novel = EvaluationSummary.From(run.Result.Novel, novelData.Name),
            HarmonicMean = run.Result.HarmonicMean,
        };
    }

    private static async Task<CellResult> TransferAsync(RunSpec spec, string runs, IClipBackbone backbone, IClipTokenizer tokenizer,
        PromptMethodOptions options, TrainingOptions? recipe, IProgress<TrainingProgress> progress, Stopwatch total, CancellationToken ct)
    {
        var source = SweepDatasets.OpenAll(spec.Dataset, spec.Shots, spec.Seed, runs);
        var targets = spec.Targets.Select(t => (t.Name, Data: SweepDatasets.OpenAll(t, -1, spec.Seed, runs))).ToList();
        double load = total.Elapsed.TotalSeconds;
        using var tuner = new PromptTunerBuilder()
            .UseBackbone(backbone).UseTokenizer(tokenizer).UseMethod(options)
            .UseClassNames(source.PromptClassNames()).UseSeed(spec.Seed)
            .Build();
        TrainingResult? training = null;
        var watch = Stopwatch.StartNew();
        if (recipe is not null) training = await tuner.FitAsync(source.Train, recipe, progress, ct);
        double trainSeconds = watch.Elapsed.TotalSeconds;
        var transfer = await tuner.EvaluateTransferAsync(spec.MethodName, source, targets.Select(t => t.Data), cancellationToken: ct);
        var summaries = transfer.Targets.Select((r, i) => EvaluationSummary.From(r, targets[i].Name)).ToList();
        return Describe(spec, tuner.Learner.TrainableParameterCount, training,
            new CellTimings(load, trainSeconds, transfer.Source!.Seconds + summaries.Sum(s => s.Seconds), 0)) with
        {
            Source = EvaluationSummary.From(transfer.Source, spec.Dataset.Name),
            Targets = summaries,
        };
    }

    private static CellResult Describe(RunSpec spec, long parameters, TrainingResult? training, CellTimings timings) => new()
    {
        Id = spec.Id, Protocol = spec.Protocol, MethodName = spec.MethodName, Method = spec.Method, Dataset = spec.Dataset.Name,
        Seed = spec.Seed, Shots = spec.Shots, TrainableParameters = parameters,
        Training = training is null ? null : new CellTraining(training.Epochs, training.History.Steps.Count, training.FinalLoss, training.FinalAccuracy,
            training.ResumedFrom is null ? null : Path.GetFileName(training.ResumedFrom),
            training.PromptsPath is null ? null : Path.Combine(CellFiles.Checkpoints, Path.GetFileName(training.PromptsPath))),
        Timings = timings, Options = [], LibraryVersion = LibraryVersion, BackboneFingerprint = "", Device = $"{spec.Device} {spec.DType}",
        Host = Environment.MachineName, FinishedUtc = DateTime.UtcNow,
    };

    /// <summary>The MaPLe.NET version that computed the results.</summary>
    public static string LibraryVersion { get; } =
        typeof(PromptTuner).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
}
