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
        var prompts = new Option<string>("--prompts", "-p") { Description = "prompt file written by 'maple train' or PromptTuner.SavePrompts", Required = true };
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
        model.AddTo(command);
        command.SetAction(parse =>
        {
            string promptFile = parse.GetValue(prompts)!;
            var description = PromptStateFile.Describe(promptFile);
            if (description.Options is null)
                throw new PromptStateException(promptFile, $"'{promptFile}' does not record its method and options; it was not written by this library.",
                                  "no method and options metadata", PromptStateFile.MethodKey);
            var names = CommonOptions.ReadClasses(parse.GetValue(classes), parse.GetValue(classesFile))
                        ?? description.ClassNames
                        ?? throw new ArgumentException("The prompt file records no classes: give them with --classes or --classes-file.");
            var decoder = CommonOptions.Decoder(parse.GetValue(maxMegapixels));
            var files = CommonOptions.ExpandImages(parse.GetValue(images)!, context.Error);
            using var tuner = model.Builder(parse, description.Options, promptFile)
                .UseClassNames(names)
                .Build();
            tuner.LoadPrompts(promptFile);
            return Sharding.ShardedRuns.Predict(context, tuner, files, decoder, parse.GetValue(topK), parse.GetValue(shard), parse.GetValue(output), promptFile);
        });
        return command;
    }
}
