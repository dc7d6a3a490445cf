using System.CommandLine;
using MaPLe.Checkpoints;
using MaPLe.Prompting.Official;
using MaPLe.Tuning;
using static TorchSharp.torch;

namespace MaPLe.Cli.Commands;

/// <summary>
/// <c>maple export IN -o FOLDER</c>: prompts (a prompt file, or an official checkpoint stripped to its prompts) written as
/// the official trainer's checkpoint, <c>FOLDER/&lt;ModelName&gt;/model.pth.tar-N</c> plus Dassl's <c>checkpoint</c> file.
/// </summary>
public static class ExportCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(CliContext context)
    {
        var input = new Argument<string>("input") { Description = "a prompt file (maple train, PromptTuner.SavePrompts) or an official checkpoint (model.pth.tar-N)" };
        var output = new Option<string>("--output", "-o") { Description = "the folder to give the official code as --model-dir", Required = true };
        var epoch = new Option<int?>("--epoch") { Description = "N of model.pth.tar-N (the official --load-epoch); default: the checkpoint's epoch, or the method's paper-preset epochs for a prompt file" };
        var source = new PromptSource();
        var command = new Command("export", "Write prompts as the official code's checkpoint (model.pth.tar-N), for its --eval-only --model-dir")
        {
            input, output, epoch,
        };
        command.Options.Add(source.Method);
        command.SetAction(parse =>
        {
            string from = parse.GetValue(input)!, folder = parse.GetValue(output)!;
            var resolved = source.Resolve(parse, from);
            string method = resolved.Options.Method;
            int n = parse.GetValue(epoch) ?? resolved.Checkpoint?.Epoch ?? PromptMethods.DefaultTraining(method).Epochs;
            if (n < 0) throw new ArgumentException($"--epoch must be at least 0, got {n}.");
            if (File.Exists(folder)) throw new ArgumentException($"--output '{folder}' is a file; give a folder.");
            using var scope = NewDisposeScope();
            Dictionary<string, Tensor> prompts;
            if (resolved.Checkpoint is not null)
            {
                prompts = OfficialCheckpoint.ReadPrompts(from, method);
            }
            else
            {
                using var file = SafeTensorsFile.Open(from);
                prompts = file.ReadAll(ScalarType.Float32);
            }
            string path = OfficialCheckpoint.Export(method, prompts, folder, n);
            context.Out.WriteLine($"wrote {path} ({method}, {prompts.Count} tensors, epoch {n})");
            context.Out.WriteLine($"official evaluation: python train.py ... --model-dir {folder} --load-epoch {n} --eval-only");
            return ExitCodes.Ok;
        });
        return command;
    }
}
