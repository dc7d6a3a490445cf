using System.CommandLine;
using System.Globalization;
using MaPLe.Data;
using MaPLe.Prompting;
using MaPLe.Prompting.ZeroShot;
using MaPLe.Tuning;

namespace MaPLe.Cli.Commands;

/// <summary><c>maple eval</c>: accuracy of learned prompts (or zero-shot CLIP) on a dataset's test split.</summary>
public static class EvalCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(CliContext context)
    {
        var model = new ModelSelection();
        var prompts = new Option<string?>("--prompts", "-p") { Description = "prompt file; omit for zero-shot CLIP" };
        var data = new DatasetSelection();
        var command = new Command("eval", "Evaluate learned prompts (or zero-shot CLIP) on a dataset's test split: accuracy, macro-F1")
        {
            prompts,
        };
        data.AddTo(command);
        model.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var dataset = data.Open(parse);
            string? promptFile = parse.GetValue(prompts);
            PromptMethodOptions options = new ZeroShotOptions();
            if (promptFile is not null)
                options = PromptStateFile.Describe(promptFile).Options
                          ?? throw new PromptStateException(promptFile, $"'{promptFile}' does not record its method and options; it was not written by this library.",
                                  "no method and options metadata", PromptStateFile.MethodKey);
            using var tuner = (promptFile is null ? model.Builder(parse).UseMethod(options) : model.Builder(parse, options, promptFile))
                .UseClassNames(dataset.PromptClassNames())
                .Build();
            if (promptFile is not null) tuner.LoadPrompts(promptFile);
            var report = await tuner.EvaluateAsync(dataset.Test, cancellationToken: ct);
            context.Out.WriteLine($"{options.Method} on {dataset.Name} ({parse.GetValue(data.Subsample)} classes, {report.SampleCount} images)");
            context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"* accuracy: {report.Accuracy:F2}%"));
            context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"* macro_f1: {report.MacroF1:F2}%"));
            return ExitCodes.Ok;
        });
        return command;
    }
}
