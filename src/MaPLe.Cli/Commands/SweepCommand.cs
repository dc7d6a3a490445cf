using System.CommandLine;
using MaPLe.Cli.Sweeps;

namespace MaPLe.Cli.Commands;

/// <summary><c>maple sweep</c>: a grid file becomes a runs folder (one spec per cell, index, Kubernetes Job, SLURM script).</summary>
public static class SweepCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(CliContext context)
    {
        var grid = new Argument<string?>("grid") { Description = "grid file (.json, .yaml or .yml)", Arity = ArgumentArity.ZeroOrOne };
        var output = new Option<string?>("--output", "-o") { Description = "runs folder to write (shared by every worker)" };
        var example = new Option<string?>("--example") { Description = $"print a ready grid instead: {string.Join(", ", SweepExamples.Names)}" };
        var device = CommonOptions.Device();
        var force = new Option<bool>("--force") { Description = "replace cells whose spec changed (their results and checkpoints are removed)" };
        var jobName = new Option<string?>("--job-name") { Description = "Kubernetes Job / SLURM job name (default: maple-<grid name>)" };
        var image = new Option<string>("--image") { Description = "container image with the maple command", DefaultValueFactory = _ => EngineOptions.DefaultImage };
        var runsMount = new Option<string>("--runs-mount") { Description = "where the pods mount the runs folder", DefaultValueFactory = _ => "/runs" };
        var runsClaim = new Option<string>("--runs-claim") { Description = "PersistentVolumeClaim of the runs folder (ReadWriteMany)", DefaultValueFactory = _ => "maple-runs" };
        var dataMount = new Option<string>("--data-mount") { Description = "where the pods mount the datasets and weights (read-only)", DefaultValueFactory = _ => "/data" };
        var dataClaim = new Option<string>("--data-claim") { Description = "PersistentVolumeClaim of the datasets", DefaultValueFactory = _ => "maple-data" };
        var parallelism = new Option<int?>("--parallelism") { Description = "tasks running at once (default: every cell)" };
        var retries = new Option<int>("--retries") { Description = "retries of a failed cell (Kubernetes backoffLimitPerIndex)", DefaultValueFactory = _ => 2 };
        var cpus = new Option<int>("--cpus-per-task") { Description = "CPU cores per task (also its thread count)", DefaultValueFactory = _ => 4 };
        var memory = new Option<int>("--memory-gb") { Description = "memory per task, GiB", DefaultValueFactory = _ => 16 };
        var slurmRuns = new Option<string?>("--slurm-runs-path") { Description = "the runs folder as SLURM nodes see it (default: the absolute --output path)" };
        var mapleCommand = new Option<string>("--maple-command") { Description = "how SLURM tasks start the CLI", DefaultValueFactory = _ => "maple" };
        var command = new Command("sweep", "Write one run spec per grid cell, an index, a Kubernetes Indexed Job and a SLURM array script")
        {
            grid, output, example, device, force, jobName, image, runsMount, runsClaim, dataMount, dataClaim, parallelism, retries, cpus, memory, slurmRuns, mapleCommand,
        };
        command.SetAction(parse =>
        {
            if (parse.GetValue(example) is { } name)
            {
                if (parse.GetValue(grid) is not null) throw new ArgumentException("Give either a grid file or --example, not both.");
                string text = SweepExamples.Get(name);
                if (parse.GetValue(output) is { } target)
                {
                    Data.AtomicFile.WriteAllText(target, text);
                    context.Out.WriteLine($"wrote {target}");
                }
                else
                {
                    context.Out.Write(text);
                }
                return ExitCodes.Ok;
            }
            string gridFile = parse.GetValue(grid) ?? throw new ArgumentException("Give a grid file (or --example toyworld to print one).");
            string runs = parse.GetValue(output) ?? throw new ArgumentException("Give the runs folder with -o/--output.");
            string dev = parse.GetValue(device)!.ToLowerInvariant();
            if (dev is not ("cpu" or "cuda")) throw new ArgumentException($"--device must be cpu or cuda, not '{dev}'.");
            var parsed = GridReader.Read(gridFile);
            var engine = new EngineOptions
            {
                JobName = parse.GetValue(jobName) ?? JobNameFor(parsed.Name), Gpu = dev == "cuda", Image = parse.GetValue(image)!,
                RunsMount = parse.GetValue(runsMount)!, RunsClaim = parse.GetValue(runsClaim)!, DataMount = parse.GetValue(dataMount)!,
                DataClaim = parse.GetValue(dataClaim)!, Parallelism = parse.GetValue(parallelism), RetriesPerCell = parse.GetValue(retries),
                CpusPerTask = parse.GetValue(cpus), MemoryGiB = parse.GetValue(memory),
                SlurmRunsPath = parse.GetValue(slurmRuns) ?? Path.GetFullPath(runs), MapleCommand = parse.GetValue(mapleCommand)!,
            }.Validate();
            var cells = SweepPlanner.Plan(parsed, dev);
            var report = SweepWriter.Write(runs, parsed, cells, engine, parse.GetValue(force));
            context.Out.WriteLine($"{parsed.Name}: {cells.Count} cells ({parsed.Datasets.Count + parsed.Targets.Count} datasets x {parsed.Methods.Count} methods x " +
                                  $"{parsed.Shots.Count} shots x {parsed.Seeds.Count} seeds) in {runs}: {report.Written} written, {report.Unchanged} unchanged" +
                                  (report.Reset > 0 ? $", {report.Reset} replaced" : ""));
            context.Out.WriteLine($"  first cell: {cells[0].Id}");
            context.Out.WriteLine($"  one cell:   maple run-spec {runs} --index 0");
            context.Out.WriteLine($"  Kubernetes: kubectl apply -f {Path.Combine(runs, KubernetesJob.FileName)}");
            context.Out.WriteLine($"  SLURM:      sbatch {Path.Combine(runs, SlurmScript.FileName)}");
            context.Out.WriteLine($"  tables:     maple collect {runs}");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static string JobNameFor(string grid)
    {
        var chars = ("maple-" + grid).Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray();
        return new string(chars)[..Math.Min(chars.Length, 52)].TrimEnd('-');
    }
}
