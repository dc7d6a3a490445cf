using System.CommandLine;
using MaPLe.Prompting;
using MaPLe.Tuning;

namespace MaPLe.Cli.Commands;

/// <summary><c>maple predict</c>: classify images with learned prompts from a prompt file.</summary>
public static class PredictCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(CliContext context)
    {
        var model = new ModelSelection();
        var prompts = new Option<string>("--prompts", "-p") { Description = "prompt file written by 'maple train' or PromptTuner.SavePrompts, or an official trainer's checkpoint (model.pth.tar-N)", Required = true };
        var source = new PromptSource();
        var classes = CommonOptions.Classes();
        var classesFile = CommonOptions.ClassesFile();
        var topK = CommonOptions.TopK();
        var maxMegapixels = CommonOptions.MaxMegapixels();
        var images = CommonOptions.Images();
        var output = new Option<string?>("--output", "-o") { Description = "write the predictions as CSV (with --shard: this part, for 'maple merge')" };
        var shard = Sharding.ShardSpec.Option();
        var command = new Command("predict", "Classify images with learned prompts (classes default to those the prompts were saved with)")
        {
            prompts, classes, classesFile, topK, maxMegapixels, images, output, shard,
        };
        source.AddTo(command);
        model.AddTo(command);
        command.SetAction(parse =>
        {
            string promptFile = parse.GetValue(prompts)!;
            var description = source.Resolve(parse, promptFile);
            var names = CommonOptions.ReadClasses(parse.GetValue(classes), parse.GetValue(classesFile))
                        ?? description.ClassNames
                        ?? throw new ArgumentException($"'{promptFile}' records no classes (official checkpoints never do): give them with --classes or --classes-file.");
            var decoder = CommonOptions.Decoder(parse.GetValue(maxMegapixels));
            var files = CommonOptions.ExpandImages(parse.GetValue(images)!, context.Error);
            using var tuner = model.Builder(parse, description.Options, promptFile)
                .UseClassNames(names)
                .Build();
            tuner.LoadPrompts(promptFile);
            PromptSource.WarnIfMismatched(context, promptFile, description, tuner);
            return Sharding.ShardedRuns.Predict(context, tuner, files, decoder, parse.GetValue(topK), parse.GetValue(shard), parse.GetValue(output), promptFile);
        });
        return command;
    }
}
