using System.Globalization;
using MaPLe.Cli.Commands;
using MaPLe.Data;
using MaPLe.Evaluation;
using MaPLe.Imaging;
using MaPLe.Tuning;

namespace MaPLe.Cli.Sharding;

/// <summary>The output side of <c>maple predict</c> and <c>maple eval</c>: the whole run or one <c>--shard k/n</c> part, written with <c>-o</c>.</summary>
public static class ShardedRuns
{
    /// <summary>
    /// Classifies <paramref name="files"/> (all, or this part's whole batches), prints them, and writes the CSV or the
    /// part file. Images found in a folder that cannot be decoded are left out (a part file records their positions).
    /// </summary>
    public static int Predict(CliContext context, PromptTuner tuner, IReadOnlyList<ImageInput> files, IImageDecoder decoder, int topK,
        string? shardText, string? output, string prompts)
    {
        var shard = Shard(shardText, output);
        var positions = shard?.Positions(files.Count, ImageClassification.BatchSize) ?? Enumerable.Range(0, files.Count).ToList();
        var rows = ImageClassification.Predict(context, tuner, positions.Select(i => files[i]).ToList(), decoder, topK);
        if (shard is null) ImageClassification.RequireAny(rows, files.Count);
        ImageClassification.Print(context, rows);
        if (output is null) return ExitCodes.Ok;
        string header = PredictionsCsv.Header(Math.Min(topK, tuner.ClassNames.Count));
        var lines = rows.Select(r => PredictionsCsv.Line(r.Image, r.Top)).ToList();
        if (shard is null)
        {
            PredictionsCsv.Write(output, header, lines);
        }
        else
        {
            var kept = rows.Select(r => positions[r.Position]).ToList();
            new ShardPart
            {
                Kind = ShardPart.PredictionsKind, Shard = shard.Index, Of = shard.Count, Total = files.Count, Count = positions.Count,
                Run = ShardMerger.RunFingerprint(["predict", prompts, header], tuner.ClassNames, files.Select(f => f.Path)),
                Header = header, Lines = kept.Select((p, i) => new PositionedLine(p, lines[i])).ToList(),
                Skipped = positions.Except(kept).ToList(),
            }.Write(output);
        }
        context.Error.WriteLine(shard is null ? $"wrote {output}" : $"wrote part {shard} ({rows.Count} of {files.Count} images) to {output}; join the parts with 'maple merge'");
        return ExitCodes.Ok;
    }

    /// <summary>Evaluates <paramref name="test"/> (all, or this part's whole batches), prints accuracy and macro-F1, and writes the report or the part file.</summary>
    public static async Task<int> EvaluateAsync(CliContext context, PromptTuner tuner, IImageDataset dataset, IImageDecoder decoder, string subset,
        string? prompts, string? shardText, string? output, CancellationToken ct)
    {
        var shard = Shard(shardText, output);
        var options = new EvaluationOptions();
        var test = dataset.Test;
        var positions = shard?.Positions(test.Count, options.BatchSize) ?? Enumerable.Range(0, test.Count).ToList();
        var report = await tuner.EvaluateAsync(EvalCommand.TestBatches(tuner, positions.Select(i => test[i]).ToList(), decoder), cancellationToken: ct);
        string method = tuner.Method;
        context.Out.WriteLine($"{method} on {dataset.Name} ({subset} classes, {report.SampleCount} images{(shard is null ? "" : $", part {shard} of {test.Count}")})");
        context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"* accuracy: {report.Accuracy:F2}%"));
        context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"* macro_f1: {report.MacroF1:F2}%"));
        if (output is null) return ExitCodes.Ok;
        var file = EvaluationFile.From(method, prompts, dataset.Name, tuner.ClassNames, report.Confusion);
        if (shard is null)
        {
            file.Write(output);
        }
        else
        {
            new ShardPart
            {
                Kind = ShardPart.EvaluationKind, Shard = shard.Index, Of = shard.Count, Total = test.Count, Count = positions.Count,
                Run = ShardMerger.RunFingerprint(["eval", prompts ?? "", dataset.Name, method], tuner.ClassNames, test.Select(t => t.Path)),
                Evaluation = file,
            }.Write(output);
        }
        context.Error.WriteLine(shard is null ? $"wrote {output}" : $"wrote part {shard} to {output}; join the parts with 'maple merge'");
        return ExitCodes.Ok;
    }

    private static ShardSpec? Shard(string? text, string? output)
    {
        if (text is null) return null;
        var shard = ShardSpec.Parse(text);
        if (output is null) throw new ArgumentException("--shard needs -o/--output: the part file that 'maple merge' joins.");
        return shard;
    }
}
