using System.CommandLine;
using MaPLe.Cli.Commands;
using MaPLe.Imaging;
using MaPLe.Runtime;

namespace MaPLe.Cli;

/// <summary>The <c>maple</c> command line: train, eval, predict, zero-shot, info.</summary>
public static class MapleCli
{
    /// <summary>Print the stack trace of a failure (otherwise one line names the file and the problem).</summary>
    public static Option<bool> Verbose { get; } = new("--verbose") { Description = "on failure, also print the exception's stack trace", Recursive = true };

    /// <summary>Builds the command tree.</summary>
    public static RootCommand Build(CliContext context) =>
        new("maple: multi-modal prompt learning for CLIP (MaPLe, CoOp, CoCoOp, IVLP, VPT, zero-shot)")
        {
            Verbose,
            TrainCommand.Create(context),
            EvalCommand.Create(context),
            PredictCommand.Create(context),
            ZeroShotCommand.Create(context),
            InfoCommand.Create(context),
            RuntimeCommand.Create(context),
            SweepCommand.Create(context),
            RunSpecCommand.Create(context),
            CollectCommand.Create(context),
            MergeCommand.Create(context),
        };

    /// <summary>Parses and runs; errors become one line on <paramref name="error"/> and an exit code a shell can act on.</summary>
    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default) =>
        RunAsync(args, output, error, signalExitCode: null, cancellationToken);

    /// <summary>
    /// Runs with Ctrl-C and SIGTERM turned into cancellation by <paramref name="signals"/>: a cancelled command exits with
    /// the signal's conventional code (130, 143).
    /// </summary>
    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, TerminationSignals signals)
    {
        ArgumentNullException.ThrowIfNull(signals);
        return RunAsync(args, output, error, () => signals.ExitCode, signals.Token);
    }

    private static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, Func<int?>? signalExitCode, CancellationToken cancellationToken)
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
            // Signals are ours (TerminationSignals): System.CommandLine's own handler would end the process 2 s after Ctrl-C.
            return await parse.InvokeAsync(new InvocationConfiguration
            {
                Output = output, Error = error, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null,
            }, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            error.WriteLine("cancelled");
            return signalExitCode?.Invoke() ?? ExitCodes.Interrupted;
        }
        catch (Exception e)
        {
            int code = ExitCodeOf(e);
            error.WriteLine($"error: {e.Message}");
            if (e is TorchRuntimeException)
                error.WriteLine("The maple tool ships without libtorch: 'maple runtime install cpu' (or 'cuda' for --device cuda) installs it; 'maple runtime status' shows what is there.");
            if (parse.GetValue(Verbose))
                error.WriteLine(e.ToString());
            else if (code == ExitCodes.Failure)
                error.WriteLine("(run with --verbose for the stack trace)");
            return code;
        }
    }

    /// <summary>The exit code of a failure: its type decides, never its message.</summary>
    public static int ExitCodeOf(Exception e) => e switch
    {
        FileNotFoundException or DirectoryNotFoundException or MalformedFileException or ImageDecodeException
            or InvalidDataException => ExitCodes.BadInput,
        OutputPathException or ArgumentException => ExitCodes.Usage,
        _ => ExitCodes.Failure,
    };
}
