using System.CommandLine;
using System.Globalization;
using MaPLe.Checkpoints.PyTorch;
using MaPLe.Clip;
using MaPLe.Prompting;
using MaPLe.Prompting.Official;
using static TorchSharp.torch;

namespace MaPLe.Cli.Commands;

/// <summary>
/// <c>maple convert IN OUT</c>: CLIP weights in any format this library reads → OpenAI-named safetensors; an official
/// trainer's checkpoint → a prompt file (method and options recorded, so <c>eval</c>/<c>predict</c> need no flags).
/// </summary>
public static class ConvertCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(CliContext context)
    {
        var input = new Argument<string>("input") { Description = "CLIP weights (OpenAI's .pt, a torch.save state dict, HF or OpenAI .safetensors) or an official checkpoint (model.pth.tar-N)" };
        var output = new Argument<string>("output") { Description = "the .safetensors file to write (CLIP weights with OpenAI names, or a prompt file)" };
        var dtype = new Option<string>("--dtype") { Description = "CLIP weights: keep (each tensor as stored, bit for bit), fp16 or fp32", DefaultValueFactory = _ => "keep" };
        var classes = CommonOptions.Classes();
        var classesFile = CommonOptions.ClassesFile();
        var source = new PromptSource();
        var command = new Command("convert", "Convert CLIP weights to OpenAI-named safetensors, or an official checkpoint to a prompt file")
        {
            input, output, dtype, classes, classesFile,
        };
        source.AddTo(command);
        command.SetAction(parse =>
        {
            string from = parse.GetValue(input)!, to = parse.GetValue(output)!;
            if (!File.Exists(from)) throw new FileNotFoundException($"No such file: '{from}'.", from);
            CheckTarget(from, to);
            if (PyTorchFile.IsPyTorchFile(from) && DasslCheckpoint.TryDescribe(from) is not null)
                return ToPromptFile(context, parse, source, from, to, CommonOptions.ReadClasses(parse.GetValue(classes), parse.GetValue(classesFile)));
            if (parse.GetValue(classes) is not null || parse.GetValue(classesFile) is not null)
                throw new ArgumentException($"--classes applies to official checkpoints; '{from}' holds CLIP weights.");
            var config = ClipWeights.Convert(from, to, StorageDType(parse.GetValue(dtype)!));
            context.Out.WriteLine($"CLIP ViT (vision {config.Vision.Width}x{config.Vision.Layers}, patch {config.Vision.PatchSize}, {config.Vision.ImageSize}px; text {config.Text.Width}x{config.Text.Layers})");
            context.Out.WriteLine($"wrote {to}");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static int ToPromptFile(CliContext context, ParseResult parse, PromptSource source, string from, string to, IReadOnlyList<string>? classNames)
    {
        var resolved = source.Resolve(parse, from);
        using var scope = NewDisposeScope();
        var prompts = OfficialCheckpoint.ReadPrompts(from, resolved.Options.Method);
        PromptStateFile.Save(to, resolved.Options, prompts, classNames);
        context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{resolved.Options.Method} checkpoint, epoch {resolved.Checkpoint?.Epoch}: {prompts.Count} prompt tensors, {prompts.Values.Sum(t => t.numel()):N0} parameters"));
        context.Out.WriteLine($"options: {PromptMethodRegistry.Serialize(resolved.Options)}");
        if (classNames is null) context.Out.WriteLine("note: no classes recorded (the checkpoint names none): give --classes to 'maple predict', or to this command");
        context.Out.WriteLine($"wrote {to}");
        return ExitCodes.Ok;
    }

    private static ScalarType? StorageDType(string dtype) => dtype.ToLowerInvariant() switch
    {
        "keep" => null,
        "fp16" or "float16" => ScalarType.Float16,
        "fp32" or "float32" => ScalarType.Float32,
        _ => throw new ArgumentException($"--dtype must be keep, fp16 or fp32, not '{dtype}'."),
    };

    // Before any work: not onto the input, into a folder that exists.
    private static void CheckTarget(string from, string to)
    {
        if (Path.GetFullPath(from) == Path.GetFullPath(to))
            throw new ArgumentException($"The output '{to}' is the input: choose another file.");
        var folder = Path.GetDirectoryName(Path.GetFullPath(to))!;
        if (!Directory.Exists(folder))
            throw new DirectoryNotFoundException($"The output folder '{folder}' does not exist; create it first.");
    }
}
