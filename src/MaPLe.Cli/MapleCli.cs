using System.CommandLine;
using MaPLe.Checkpoints;
using MaPLe.Cli.Commands;
using MaPLe.Imaging;
using MaPLe.Prompting;
using MaPLe.Runtime;
using MaPLe.Training;
using MaPLe.Tuning;

namespace MaPLe.Cli;

/// <summary>The <c>maple</c> command line: train, eval, predict, zero-shot, info, convert, export.</summary>
public static class MapleCli
{
    /// <summary>Builds the command tree.</summary>
    public static RootCommand Build(CliContext context) =>
        new("maple: multi-modal prompt learning for CLIP (MaPLe, CoOp, CoCoOp, IVLP, VPT, zero-shot)")
        {
            TrainCommand.Create(context),
            EvalCommand.Create(context),
            PredictCommand.Create(context),
            ZeroShotCommand.Create(context),
            InfoCommand.Create(context),
            ConvertCommand.Create(context),
            ExportCommand.Create(context),
            RuntimeCommand.Create(context),
            SweepCommand.Create(context),
            RunSpecCommand.Create(context),
            CollectCommand.Create(context),
            MergeCommand.Create(context),
        };

    /// <summary>Parses and runs; errors become one line on <paramref name="error"/> and an exit code a shell can act on.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        bool interactive = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;
        var context = new CliContext(output, error, interactive);
        var root = Build(context);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var e in parse.Errors) error.WriteLine($"error: {e.Message}");
            error.WriteLine("Run 'maple --help' or 'maple <command> --help' for usage.");
            return ExitCodes.Usage;
        }
        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false }, cancellationToken);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or MalformedFileException or ImageDecodeException)
        {
            error.WriteLine($"error: {e.Message}");
            return ExitCodes.BadInput;
        }
        catch (TorchRuntimeException e)
        {
            error.WriteLine($"error: {e.Message}");
            error.WriteLine("The maple tool ships without libtorch: 'maple runtime install cpu' (or 'cuda' for --device cuda) installs it; 'maple runtime status' shows what is there.");
            return ExitCodes.Failure;
        }
        catch (PromptTunerConfigurationException e)
        {
            error.WriteLine($"error: {e.Message}");
            return ExitCodes.Usage;
        }
        catch (ArgumentException e)
        {
            error.WriteLine($"error: {e.Message}");
            return ExitCodes.Usage;
        }
        catch (OperationCanceledException)
        {
            error.WriteLine("cancelled");
            return ExitCodes.Failure;
        }
        catch (Exception e) when (e is InvalidOperationException or NonFiniteLossException or IOException)
        {
            error.WriteLine($"error: {e.Message}");
            return ExitCodes.Failure;
        }
    }
}
