using System.Text.Json;
using System.Text.Json.Nodes;
using MaPLe.Evaluation;

namespace MaPLe.Cli.Sweeps;

/// <summary>One evaluation in a cell's result: the numbers the tables need and the per-class detail.</summary>
/// <param name="Dataset">The evaluated data's name.</param>
/// <param name="Samples">Test images.</param>
/// <param name="Correct">Correct top-1 predictions.</param>
/// <param name="Accuracy">Top-1 accuracy, percent.</param>
/// <param name="MacroF1">Macro-F1, percent.</param>
/// <param name="PerClassAccuracy">Accuracy per class name, percent.</param>
/// <param name="Seconds">Wall time of the evaluation.</param>
public sealed record EvaluationSummary(string Dataset, long Samples, long Correct, double Accuracy, double MacroF1,
    IReadOnlyDictionary<string, double> PerClassAccuracy, double Seconds)
{
    /// <summary>The summary of a report.</summary>
    public static EvaluationSummary From(EvaluationReport report, string dataset) =>
        new(dataset, report.SampleCount, report.Correct, report.Accuracy, report.MacroF1, report.PerClassAccuracy, report.Seconds);
}

/// <summary>Wall times of a cell, seconds.</summary>
/// <param name="Load">Backbone, tokenizer and data.</param>
/// <param name="Train">Training (this worker's part when resumed).</param>
/// <param name="Evaluate">Every evaluation.</param>
/// <param name="Total">The whole cell in this worker.</param>
public sealed record CellTimings(double Load, double Train, double Evaluate, double Total);

/// <summary>What training did in a cell.</summary>
/// <param name="Epochs">Epochs of the run.</param>
/// <param name="Steps">Optimizer steps of the whole run.</param>
/// <param name="FinalLoss">Mean loss of the last epoch.</param>
/// <param name="FinalAccuracy">Training accuracy of the last epoch, percent.</param>
/// <param name="ResumedFrom">The checkpoint a killed run continued from, if any.</param>
/// <param name="Prompts">The learned prompt file, relative to the cell folder.</param>
public sealed record CellTraining(int Epochs, long Steps, double FinalLoss, double FinalAccuracy, string? ResumedFrom, string? Prompts);

/// <summary><c>result.json</c> of a finished cell, written atomically by <c>maple run-spec</c>.</summary>
public sealed record CellResult
{
    /// <summary>The format tag of result files.</summary>
    public const string CurrentFormat = "maple-cell-result/1";

    /// <summary>Format tag.</summary>
    public string Format { get; init; } = CurrentFormat;

    /// <summary>The cell id.</summary>
    public required string Id { get; init; }

    /// <summary>The protocol's name.</summary>
    public required string Protocol { get; init; }

    /// <summary>The method's row name.</summary>
    public required string MethodName { get; init; }

    /// <summary>The method's registry id.</summary>
    public required string Method { get; init; }

    /// <summary>The dataset (base-to-novel) or source (cross-dataset, domain generalization).</summary>
    public required string Dataset { get; init; }

    /// <summary>Seed.</summary>
    public required int Seed { get; init; }

    /// <summary>Shots.</summary>
    public required int Shots { get; init; }

    /// <summary>Learnable scalars of the method.</summary>
    public required long TrainableParameters { get; init; }

    /// <summary>Base-to-novel: the base classes.</summary>
    public EvaluationSummary? Base { get; init; }

    /// <summary>Base-to-novel: the novel classes.</summary>
    public EvaluationSummary? Novel { get; init; }

    /// <summary>Base-to-novel: 2BN/(B+N) of this cell.</summary>
    public double? HarmonicMean { get; init; }

    /// <summary>Cross-dataset / domain generalization: the source's test split.</summary>
    public EvaluationSummary? Source { get; init; }

    /// <summary>Cross-dataset / domain generalization: each target.</summary>
    public IReadOnlyList<EvaluationSummary> Targets { get; init; } = [];

    /// <summary>Training, when the method trains.</summary>
    public CellTraining? Training { get; init; }

    /// <summary>Wall times.</summary>
    public required CellTimings Timings { get; init; }

    /// <summary>The method's exact options.</summary>
    public required JsonObject Options { get; init; }

    /// <summary>The exact training recipe (seed and checkpoint folder included).</summary>
    public JsonObject? Recipe { get; init; }

    /// <summary>MaPLe.NET version.</summary>
    public required string LibraryVersion { get; init; }

    /// <summary>Fingerprint of the frozen CLIP weights.</summary>
    public required string BackboneFingerprint { get; init; }

    /// <summary>cpu or cuda, and the compute precision.</summary>
    public required string Device { get; init; }

    /// <summary>The worker's machine.</summary>
    public required string Host { get; init; }

    /// <summary>When the cell finished.</summary>
    public required DateTime FinishedUtc { get; init; }

    /// <summary>Reads a result file; null when it is missing or not a complete result of this format.</summary>
    public static CellResult? TryRead(string path)
    {
        if (!File.Exists(path)) return null;
        try
        {
            var result = JsonSerializer.Deserialize<CellResult>(File.ReadAllText(path), RunSpec.Json);
            return result?.Format == CurrentFormat ? result : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary><c>failure.json</c>: the last failure of a cell (kept until a retry finishes it).</summary>
/// <param name="Id">The cell id.</param>
/// <param name="Error">The exception type.</param>
/// <param name="Message">What went wrong.</param>
/// <param name="Host">The worker's machine.</param>
/// <param name="FailedUtc">When.</param>
public sealed record CellFailure(string Id, string Error, string Message, string Host, DateTime FailedUtc)
{
    /// <summary>Reads a failure file; null when missing or unreadable.</summary>
    public static CellFailure? TryRead(string path)
    {
        try
        {
            return File.Exists(path) ? JsonSerializer.Deserialize<CellFailure>(File.ReadAllText(path), RunSpec.Json) : null;
        }
        catch (Exception e) when (e is IOException or JsonException)
        {
            return null;
        }
    }
}
