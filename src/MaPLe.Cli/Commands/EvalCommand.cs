using System.CommandLine;
using System.Globalization;
using MaPLe.Data;
using MaPLe.Evaluation;
using MaPLe.Imaging;
using MaPLe.Prompting;
using MaPLe.Prompting.ZeroShot;
using MaPLe.Training;
using MaPLe.Tuning;

namespace MaPLe.Cli.Commands;

/// <summary><c>maple eval</c>: accuracy, per-class accuracy and confusion matrix of learned prompts (or zero-shot CLIP) on a test split.</summary>
public static class EvalCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(CliContext context)
    {
        var model = new ModelSelection();
        var prompts = new Option<string?>("--prompts", "-p") { Description = "prompt file, or an official trainer's checkpoint (model.pth.tar-N); omit for zero-shot CLIP" };
        var source = new PromptSource();
        var reportFile = new Option<string?>("--report") { Description = "also write the evaluation to this .json or .csv file (per-class accuracy, F1, confusion matrix)" };
        var data = new DatasetSelection();
        var output = new Option<string?>("--output", "-o") { Description = "write the evaluation as JSON without timings (with --shard: this part, for 'maple merge')" };
        var shard = Sharding.ShardSpec.Option();
        var command = new Command("eval", "Evaluate learned prompts (or zero-shot CLIP) on a test split: accuracy, macro-F1, per-class accuracy, confusion matrix")
        {
            prompts, reportFile, output, shard,
        };
        data.AddTo(command);
        source.AddTo(command);
        model.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            string? reportPath = parse.GetValue(reportFile);
            if (reportPath is not null) EvaluationReportFile.CheckTarget(reportPath);   // before minutes of work
            var dataset = data.Open(parse);
            string? promptFile = parse.GetValue(prompts);
            PromptMethodOptions options = new ZeroShotOptions();
            var resolved = promptFile is null ? null : source.Resolve(parse, promptFile);
            if (resolved is not null) options = resolved.Options;
            using var tuner = (promptFile is null ? model.Builder(parse).UseMethod(options) : model.Builder(parse, options, promptFile))
                .UseClassNames(dataset.PromptClassNames())
                .Build();
            if (promptFile is not null)
            {
                tuner.LoadPrompts(promptFile);
                PromptSource.WarnIfMismatched(context, promptFile, resolved!, tuner);
            }
            if (parse.GetValue(shard) is not null || parse.GetValue(output) is not null)
                return await Sharding.ShardedRuns.EvaluateAsync(context, tuner, dataset, data.Decoder(parse), data.SubsetName(parse), promptFile,
                    parse.GetValue(shard), parse.GetValue(output), ct);
            var report = await TerminalProgress.RunAsync(context, "evaluating", report =>
                tuner.EvaluateAsync(TestBatches(tuner, dataset.Test, data.Decoder(parse)), new SynchronousProgress<EvaluationProgress>(p =>
                    report(p.Batch, p.Batches, string.Create(CultureInfo.InvariantCulture, $"evaluating: {p.Samples} images, accuracy {p.Accuracy:F1}%"))), cancellationToken: ct));
            if (reportPath is not null) EvaluationReportFile.Write(reportPath, report, options.Method, dataset.Name);
            EvaluationPrinter.Print(context, report,
                $"{options.Method} on {dataset.Name} ({data.SubsetName(parse)} classes, {report.SampleCount} images)", reportPath is not null);
            if (reportPath is not null) context.Out.WriteLine($"report: {reportPath}");
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Test items through the library's test loader (upstream's batch size), decoded within the <c>--max-megapixels</c> budget.</summary>
    internal static IBatchSource TestBatches(PromptTuner tuner, IReadOnlyList<ImageItem> items, IImageDecoder decoder)
    {
        var options = new EvaluationOptions();
        return BatchSource.ForEvaluation(items, tuner.Preprocessing.Test, options.BatchSize, decoder, options.DataWorkers);
    }
}
