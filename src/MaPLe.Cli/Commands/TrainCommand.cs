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
        var checkpoints = new Option<string?>("--checkpoints") { Description = "folder for resumable checkpoints (resumes automatically when one is there)" };
        var command = new Command("train", "Learn prompts on a dataset's few-shot training set and save them")
        {
            method, preset, epochs, batch, lr, output, checkpoints,
        };
        data.AddTo(command);
        shape.AddTo(command);
        model.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var dataset = data.Open(parse);
            var options = MethodCatalog.Options(parse.GetValue(method)!);
            var recipe = MethodCatalog.Preset(parse.GetValue(preset), MethodCatalog.Trainable(options));
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
                    return await tuner.FitAsync(dataset.Train, recipe, progress, ct);
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
                result = await tuner.FitAsync(dataset.Train, recipe, progress, ct);
            }
            string path = parse.GetValue(output)!;
            tuner.SavePrompts(path);
            context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"final epoch: loss {result.FinalLoss:F4}, training accuracy {result.FinalAccuracy:F1}%"));
            context.Out.WriteLine($"saved {path}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
