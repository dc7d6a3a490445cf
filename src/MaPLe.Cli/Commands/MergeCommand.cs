using System.CommandLine;
using MaPLe.Cli.Sharding;

namespace MaPLe.Cli.Commands;

/// <summary><c>maple merge</c>: joins the parts of a sharded predict or eval into the single-process output.</summary>
public static class MergeCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(CliContext context)
    {
        var parts = new Argument<string[]>("parts") { Description = "the part files written with --shard k/n (all n of them)", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string>("--output", "-o") { Description = "the merged file (what one process would have written)", Required = true };
        var command = new Command("merge", "Join the parts of 'maple predict/eval --shard k/n' into the output a single process writes")
        {
            parts, output,
        };
        command.SetAction(parse =>
        {
            context.Out.WriteLine(ShardMerger.Merge(parse.GetValue(parts)!, parse.GetValue(output)!));
            return ExitCodes.Ok;
        });
        return command;
    }
}
