using System.CommandLine;
using System.Globalization;
using MaPLe.Cli.Sweeps;

namespace MaPLe.Cli.Commands;

/// <summary><c>maple run-spec</c>: one cell of a runs folder, chosen by --index or by the engine's index variable.</summary>
public static class RunSpecCommand
{
    /// <summary>The environment variables an index is read from, in order: Kubernetes Indexed Jobs, SLURM job arrays.</summary>
    public static IReadOnlyList<string> IndexVariables { get; } = ["JOB_COMPLETION_INDEX", "SLURM_ARRAY_TASK_ID"];

    /// <summary>Creates the command.</summary>
    public static Command Create(CliContext context)
    {
        var runs = new Argument<string>("runs") { Description = "runs folder written by 'maple sweep'" };
        var index = new Option<int?>("--index", "-i") { Description = $"cell index (default: ${string.Join(" or $", IndexVariables)})" };
        var command = new Command("run-spec", "Run one cell of a sweep: train, evaluate, write result.json (skips finished cells, resumes killed ones). " +
                                              $"Exit 0 done, {ExitCodes.Failure} failed, {ExitCodes.BadInput} bad input, {ExitCodes.Skipped} skipped (another worker runs it)")
        {
            runs, index,
        };
        command.SetAction(async (parse, ct) =>
        {
            int i = parse.GetValue(index) ?? IndexFromEnvironment();
            return await new CellRunner(context).RunAsync(parse.GetValue(runs)!, i, ct);
        });
        return command;
    }

    /// <summary>The index from <see cref="IndexVariables"/>.</summary>
    /// <exception cref="ArgumentException">None is set, or the value is not a number.</exception>
    public static int IndexFromEnvironment()
    {
        foreach (var name in IndexVariables)
        {
            if (Environment.GetEnvironmentVariable(name) is not { Length: > 0 } value) continue;
            return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int i)
                ? i
                : throw new ArgumentException($"${name} is '{value}', not a cell index.");
        }
        throw new ArgumentException($"Give the cell with --index, or run under an engine that sets ${string.Join(" or $", IndexVariables)}.");
    }
}
