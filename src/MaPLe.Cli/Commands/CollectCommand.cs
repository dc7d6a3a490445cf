using System.CommandLine;
using MaPLe.Cli.Sweeps;
using MaPLe.Data;

namespace MaPLe.Cli.Commands;

/// <summary><c>maple collect</c>: the papers' tables from whatever results a runs folder holds.</summary>
public static class CollectCommand
{
    /// <summary>The table files' base name.</summary>
    public const string FileStem = "results";

    /// <summary>Creates the command.</summary>
    public static Command Create(CliContext context)
    {
        var runs = new Argument<string>("runs") { Description = "runs folder written by 'maple sweep'" };
        var format = new Option<string>("--format", "-f") { Description = "what to print: markdown, csv or json", DefaultValueFactory = _ => "markdown" };
        var output = new Option<string?>("--output", "-o") { Description = "folder for results.md, results.csv and results.json (default: <runs>/tables)" };
        var complete = new Option<bool>("--require-complete") { Description = $"exit {ExitCodes.Failure} when any cell is not done" };
        var command = new Command("collect", "Print the papers' tables (base/novel/HM, cross-dataset, domain generalization, methods compared) from a runs folder; missing and failed cells are marked")
        {
            runs, format, output, complete,
        };
        command.SetAction(parse =>
        {
            string folder = parse.GetValue(runs)!;
            string kind = parse.GetValue(format)!.ToLowerInvariant();
            if (kind is not ("markdown" or "md" or "csv" or "json")) throw new ArgumentException($"--format must be markdown, csv or json, not '{kind}'.");
            var index = SweepIndex.Read(folder);
            var cells = CellStatus.ReadAll(folder, index);
            var tables = SweepTables.Build(index, cells);
            string markdown = TableWriters.Markdown(index, tables, cells);
            string csv = TableWriters.Csv(tables, cells);
            string json = TableWriters.Json(index, tables, cells);
            string target = parse.GetValue(output) ?? Path.Combine(folder, "tables");
            AtomicFile.WriteAllText(Path.Combine(target, FileStem + ".md"), markdown);
            AtomicFile.WriteAllText(Path.Combine(target, FileStem + ".csv"), csv);
            AtomicFile.WriteAllText(Path.Combine(target, FileStem + ".json"), json);
            context.Out.Write(kind switch { "csv" => csv, "json" => json, _ => markdown });
            int open = cells.Count(c => c.State != CellState.Done);
            context.Error.WriteLine($"{cells.Count - open}/{cells.Count} cells done; tables written to {target}");
            return open > 0 && parse.GetValue(complete) ? ExitCodes.Failure : ExitCodes.Ok;
        });
        return command;
    }
}
