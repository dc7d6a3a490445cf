using System.CommandLine;
using System.Globalization;
using MaPLe.Data;
using MaPLe.Prompting;
using MaPLe.Training;
using MaPLe.Tuning;
using Spectre.Console;

namespace MaPLe.Cli.Commands;

/// <summary><c>maple train</c>: learn prompts on a dataset's few-shot training set and save them.</summary>
public static class TrainCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(CliContext context)
    {
        var model = new ModelSelection();
        var data = new DatasetSelection();
        var shape = new MethodShapeOptions();
        var method = new Option<string>("--method", "-m") { Description = $"one of: {string.Join(", ", MethodCatalog.Names)}", DefaultValueFactory = _ => MethodCatalog.DefaultMethod };
        var preset = new Option<string?>("--preset") { Description = $"training preset (default: the method's paper config): {string.Join(", ", MethodCatalog.PresetNames)}" };
        var epochs = new Option<int?>("--epochs") { Description = "override the preset's epochs" };
        var batch = new Option<int?>("--batch-size") { Description = "override the preset's batch size" };
        var lr = new Option<double?>("--lr") { Description = "override the preset's learning rate" };
        var output = new Option<string>("--output", "-o") { Description = "prompt file to write (.safetensors)", Required = true };
        var checkpoints = new Option<string?>("--checkpoints") { Description = "folder for resumable checkpoints (resumes automatically when one is there; locked while a run uses it)" };
        var force = new Option<bool>("--force") { Description = "overwrite the --output file if it exists" };
        var command = new Command("train", "Learn prompts on a dataset's few-shot training set and save them")
        {
            method, preset, epochs, batch, lr, output, checkpoints, force,
        };
        data.AddTo(command);
        shape.AddTo(command);
        model.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            // Everything that can be checked without work is checked first: options, then the output paths.
            var options = MethodCatalog.Options(parse.GetValue(method)!);
            var recipe = MethodCatalog.Preset(parse.GetValue(preset), MethodCatalog.Trainable(options));
            data.Validate(parse);
            using var outputs = TrainOutputs.Prepare(parse.GetValue(output)!, parse.GetValue(checkpoints), parse.GetValue(force), context.Out);
            var dataset = data.Open(parse);
            recipe = recipe with
            {
                Epochs = parse.GetValue(epochs) ?? recipe.Epochs,
                BatchSize = parse.GetValue(batch) ?? recipe.BatchSize,
                LearningRate = parse.GetValue(lr) ?? recipe.LearningRate,
                Seed = parse.GetValue(data.Seed),
                CheckpointDirectory = parse.GetValue(checkpoints),
                AutoResume = parse.GetValue(checkpoints) is not null,
            };
            var backbone = model.LoadBackbone(parse);
            try
            {
                options = shape.Apply(parse, options, backbone.Config, context.Error);
            }
            catch
            {
                backbone.Dispose();
                throw;
            }
            using var tuner = model.Builder(parse, backbone)
                .UseMethod(options)
                .UseClassNames(dataset.PromptClassNames())
                .UseSeed(parse.GetValue(data.Seed))
                .Build();
            context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{options.Method}: {tuner.Learner.TrainableParameterCount:N0} parameters; {dataset.Name}: {dataset.Train.Count} images, {dataset.ClassNames.Count} classes; " +
                $"{recipe.Epochs} epochs, batch {recipe.BatchSize}, lr {recipe.LearningRate}"));
            outputs.ReportResume(context.Out);
            var source = BatchSource.ForTraining(dataset.Train, tuner.Backbone.Config.Vision.ImageSize, recipe.BatchSize,
                parse.GetValue(data.Seed), data.Decoder(parse), workers: recipe.DataWorkers);
            TrainingResult result;
            try
            {
                result = await Fit(context, tuner, source, recipe, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                outputs.ReportCancelled(context.Error, "maple " + string.Join(" ", parse.Tokens.Select(t => t.Value.Any(char.IsWhiteSpace) ? $"'{t.Value}'" : t.Value)));
                throw;
            }
            string path = outputs.Output;
            tuner.SavePrompts(path);
            context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"final epoch: loss {result.FinalLoss:F4}, training accuracy {result.FinalAccuracy:F1}%"));
            context.Out.WriteLine($"saved {path}");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static async Task<TrainingResult> Fit(CliContext context, PromptTuner tuner, IBatchSource source, TrainingOptions recipe, CancellationToken ct)
    {
        TrainingResult result;
        if (context.Interactive)
        {
            result = await AnsiConsole.Progress().StartAsync(async progressContext =>
            {
                var task = progressContext.AddTask("training");
                var progress = new SynchronousProgress<TrainingProgress>(p =>
                {
                    task.MaxValue = p.TotalSteps;
                    task.Value = p.GlobalStep;
                    task.Description = string.Create(CultureInfo.InvariantCulture, $"epoch {p.Epoch}/{p.Epochs} loss {p.Loss:F3}");
                });
                return await tuner.FitAsync(source, recipe, progress, ct);
            });
        }
        else
        {
            var progress = new SynchronousProgress<TrainingProgress>(p =>
            {
                if (p.Step == p.StepsPerEpoch)
                    context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"epoch {p.Epoch}/{p.Epochs} step {p.GlobalStep}/{p.TotalSteps} loss {p.Loss:F4} lr {p.LearningRate:G5} {p.ImagesPerSecond:F1} img/s"));
            });
            result = await tuner.FitAsync(source, recipe, progress, ct);
        }
        return result;
    }
}
