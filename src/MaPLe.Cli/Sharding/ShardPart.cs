using System.Text.Json;
using MaPLe.Cli.Sweeps;
using MaPLe.Data;

namespace MaPLe.Cli.Sharding;

/// <summary>
/// What a <c>--shard k/n</c> run writes: its part of the output with what <c>maple merge</c> needs to join the parts
/// into the single-process output and to check that they belong together and that none is missing.
/// </summary>
public sealed record ShardPart
{
    /// <summary>The format tag of part files.</summary>
    public const string CurrentFormat = "maple-shard-part/1";

    /// <summary>Predictions of <c>maple predict</c>.</summary>
    public const string PredictionsKind = "predictions";

    /// <summary>An evaluation of <c>maple eval</c>.</summary>
    public const string EvaluationKind = "evaluation";

    /// <summary>Format tag.</summary>
    public string Format { get; init; } = CurrentFormat;

    /// <summary><see cref="PredictionsKind"/> or <see cref="EvaluationKind"/>.</summary>
    public required string Kind { get; init; }

    /// <summary>k.</summary>
    public required int Shard { get; init; }

    /// <summary>n.</summary>
    public required int Of { get; init; }

    /// <summary>Items of the whole input (all parts).</summary>
    public required int Total { get; init; }

    /// <summary>Items of this part (including <see cref="Skipped"/> ones).</summary>
    public required int Count { get; init; }

    /// <summary>A fingerprint of what every part must share (command, inputs, classes), so parts of different runs are not mixed.</summary>
    public required string Run { get; init; }

    /// <summary>Predictions: the output's header line.</summary>
    public string? Header { get; init; }

    /// <summary>Predictions: this part's output lines with their positions in the single-process output.</summary>
    public IReadOnlyList<PositionedLine> Lines { get; init; } = [];

    /// <summary>Predictions: positions of this part's images that could not be decoded (found in a folder, left out with a warning).</summary>
    public IReadOnlyList<int> Skipped { get; init; } = [];

    /// <summary>Evaluation: this part's report (its confusion matrix sums with the others').</summary>
    public EvaluationFile? Evaluation { get; init; }

    /// <summary>Writes the part atomically.</summary>
    public void Write(string path) => AtomicFile.WriteAllText(path, JsonSerializer.Serialize(this, RunSpec.Json) + "\n");

    /// <summary>Reads a part file.</summary>
    /// <exception cref="SweepFileException">Not a part file; the message names it.</exception>
    public static ShardPart Read(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"Part file not found: '{path}'.", path);
        try
        {
            var part = JsonSerializer.Deserialize<ShardPart>(File.ReadAllText(path), RunSpec.Json);
            if (part?.Format != CurrentFormat)
                throw new SweepFileException(path, $"'{path}' is not a part written with --shard (format '{part?.Format}', expected '{CurrentFormat}').");
            return part.Problem() is { } problem ? throw new SweepFileException(path, $"'{path}' is a damaged part file: {problem}.") : part;
        }
        catch (JsonException e)
        {
            throw new SweepFileException(path, $"'{path}' is not a part written with --shard: {e.Message}");
        }
    }

    // What a hand-edited or damaged part holds that no --shard run writes (counts out of range, lines or an evaluation
    // that cannot be merged); null when it is consistent.
    private string? Problem()
    {
        if (Of < 1 || Shard < 1 || Shard > Of) return $"part {Shard}/{Of} is not k/n with 1 <= k <= n";
        if (Total < 0 || Count < 0 || Count > Total) return $"it counts {Count} of {Total} items";
        if (Lines is null || Skipped is null || Lines.Any(l => l is null || l.Text is null)) return "its lines or skipped positions are missing";
        if (Lines.Select(l => l.Position).Concat(Skipped).Any(p => p < 0 || p >= Total)) return $"a position lies outside 0..{Total - 1}";
        if (Kind == EvaluationKind && Evaluation?.Problem() is { } evaluation) return evaluation;
        return null;
    }
}

/// <summary>One output line and its position in the single-process output.</summary>
/// <param name="Position">0-based line position (after the header).</param>
/// <param name="Text">The line, without its newline.</param>
public sealed record PositionedLine(int Position, string Text);
