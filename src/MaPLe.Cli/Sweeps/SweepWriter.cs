using MaPLe.Data;

namespace MaPLe.Cli.Sweeps;

/// <summary>What <see cref="SweepWriter.Write"/> did.</summary>
/// <param name="Written">Cells whose spec was written (new or changed).</param>
/// <param name="Unchanged">Cells whose spec was already there, identical.</param>
/// <param name="Reset">Changed cells whose old result, failure and checkpoint were removed (<c>--force</c>).</param>
public sealed record SweepWriteReport(int Written, int Unchanged, int Reset);

/// <summary>
/// Writes a runs folder: <c>&lt;cell id&gt;/spec.json</c> for every cell, <c>index.json</c>, the Kubernetes Job
/// (<c>job.yaml</c>) and the SLURM array script (<c>slurm.sh</c>). Writing the same grid again changes nothing; a cell
/// whose spec would change is refused unless <paramref name="force"/> is set, which also removes its old outputs.
/// </summary>
public static class SweepWriter
{
    /// <summary>The files a cell's worker writes beside its spec (removed when a forced sweep changes the spec).</summary>
    public static IReadOnlyList<string> CellOutputs { get; } = [CellFiles.Result, CellFiles.Failure];

    /// <summary>Writes the folder.</summary>
    /// <exception cref="ArgumentException">A cell's spec would change and <paramref name="force"/> is not set.</exception>
    public static SweepWriteReport Write(string runs, SweepGrid grid, IReadOnlyList<RunSpec> cells, EngineOptions engine, bool force)
    {
        var changed = new List<string>();
        foreach (var cell in cells)
        {
            string path = Path.Combine(SweepIndex.CellFolder(runs, cell.Id), CellFiles.Spec);
            if (File.Exists(path) && File.ReadAllText(path) != cell.ToJson()) changed.Add(cell.Id);
        }
        if (changed.Count > 0 && !force)
            throw new ArgumentException($"'{runs}' already holds {changed.Count} of these cells with different specs ({string.Join(", ", changed.Take(3))}{(changed.Count > 3 ? ", ..." : "")}): " +
                                        "write to a new folder, or pass --force to replace them (their results and checkpoints are removed).");
        Directory.CreateDirectory(runs);
        int written = 0, unchanged = 0;
        foreach (var cell in cells)
        {
            string folder = SweepIndex.CellFolder(runs, cell.Id);
            string path = Path.Combine(folder, CellFiles.Spec);
            string text = cell.ToJson();
            if (File.Exists(path) && File.ReadAllText(path) == text)
            {
                unchanged++;
                continue;
            }
            if (changed.Contains(cell.Id))
            {
                foreach (var output in CellOutputs) File.Delete(Path.Combine(folder, output));
                if (Directory.Exists(Path.Combine(folder, CellFiles.Checkpoints))) Directory.Delete(Path.Combine(folder, CellFiles.Checkpoints), recursive: true);
            }
            AtomicFile.WriteAllText(path, text);
            written++;
        }
        SweepIndex.From(grid, cells).Write(runs);
        AtomicFile.WriteAllText(Path.Combine(runs, KubernetesJob.FileName), KubernetesJob.Render(engine, cells.Count, grid.Name));
        string slurm = Path.Combine(runs, SlurmScript.FileName);
        AtomicFile.WriteAllText(slurm, SlurmScript.Render(engine, cells.Count, grid.Name));
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(slurm, File.GetUnixFileMode(slurm) | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        Directory.CreateDirectory(Path.Combine(runs, SlurmScript.LogFolder));
        return new SweepWriteReport(written, unchanged, changed.Count);
    }
}

/// <summary>The files of a cell folder.</summary>
public static class CellFiles
{
    /// <summary>The cell's spec (written by <c>maple sweep</c>).</summary>
    public const string Spec = "spec.json";

    /// <summary>The finished cell's results (written atomically by <c>maple run-spec</c>).</summary>
    public const string Result = "result.json";

    /// <summary>The last failure of the cell (removed when it is retried and finishes).</summary>
    public const string Failure = "failure.json";

    /// <summary>Training checkpoints and the final prompt file.</summary>
    public const string Checkpoints = "checkpoint";

    /// <summary>The lock a worker holds while it runs the cell.</summary>
    public const string Lock = ".maple.lock";
}
