using System.CommandLine;
using MaPLe.Prompting.ZeroShot;
using MaPLe.Tuning;

namespace MaPLe.Cli.Commands;

/// <summary><c>maple zero-shot</c>: zero-shot CLIP over given classes and templates.</summary>
public static class ZeroShotCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(CliContext context)
    {
        var model = new ModelSelection();
        var classes = CommonOptions.Classes();
        var classesFile = CommonOptions.ClassesFile();
        var templates = new Option<string[]>("--template", "-t") { Description = "prompt template with {} for the class (repeat to ensemble)", AllowMultipleArgumentsPerToken = false };
        var topK = CommonOptions.TopK();
        var maxMegapixels = CommonOptions.MaxMegapixels();
        var images = CommonOptions.Images();
        var command = new Command("zero-shot", "Classify images with zero-shot CLIP (no learned prompts)")
        {
            classes, classesFile, templates, topK, maxMegapixels, images,
        };
        model.AddTo(command);
        command.SetAction(parse =>
        {
            var names = CommonOptions.ReadClasses(parse.GetValue(classes), parse.GetValue(classesFile))
                        ?? throw new ArgumentException("Give the classes with --classes or --classes-file.");
            var t = parse.GetValue(templates) is { Length: > 0 } given ? given : [ZeroShotTemplates.Default];
            var decoder = CommonOptions.Decoder(parse.GetValue(maxMegapixels));
            var files = CommonOptions.ExpandImages(parse.GetValue(images)!, context.Error);
            using var tuner = model.Builder(parse)
                .UseZeroShot(t)
                .UseClassNames(names)
                .Build();
            return ImageClassification.Classify(context, tuner, files, decoder, parse.GetValue(topK));
        });
        return command;
    }
}
