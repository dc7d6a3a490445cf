using System.Globalization;
using System.Text;

namespace MaPLe.Cli.Sweeps;

/// <summary>
/// The SLURM batch script of a sweep: a job array with one task per cell. SLURM sets <c>SLURM_ARRAY_TASK_ID</c> in
/// each task, which <c>maple run-spec</c> reads. Submitting it again is safe: finished cells are skipped, killed ones
/// resume from their checkpoint.
/// </summary>
public static class SlurmScript
{
    /// <summary>The script's file name in a runs folder.</summary>
    public const string FileName = "slurm.sh";

    /// <summary>The folder (in the runs folder) for the tasks' output files; SLURM does not create it.</summary>
    public const string LogFolder = "logs";

    /// <summary>The script for <paramref name="cellCount"/> cells.</summary>
    public static string Render(EngineOptions options, int cellCount, string gridName)
    {
        var o = options;
        string runs = o.SlurmRunsPath.TrimEnd('/');
        string throttle = o.Parallelism is { } p && p < cellCount ? string.Create(CultureInfo.InvariantCulture, $"%{p}") : "";
        var s = new StringBuilder();
        void L(string line) => s.Append(line).Append('\n');
        L("#!/bin/bash");
        L($"# SLURM job array for sweep '{gridName}': {cellCount} cells, one array task per cell (written by 'maple sweep').");
        L("# Every task runs 'maple run-spec' on the runs folder with SLURM_ARRAY_TASK_ID choosing its cell. Submitting again is");
        L("# safe: finished cells are skipped (exit 0), killed ones resume from their checkpoint.");
        L($"# Submit: sbatch {ShellQuote(runs + "/" + FileName)}   Tables: maple collect {ShellQuote(runs)}");
        L($"#SBATCH --job-name={o.JobName}");
        L(string.Create(CultureInfo.InvariantCulture, $"#SBATCH --array=0-{cellCount - 1}{throttle}"));
        L("#SBATCH --ntasks=1");
        L(string.Create(CultureInfo.InvariantCulture, $"#SBATCH --cpus-per-task={o.CpusPerTask}"));
        L(string.Create(CultureInfo.InvariantCulture, $"#SBATCH --mem={o.MemoryGiB}G"));
        if (o.Gpu) L("#SBATCH --gres=gpu:1");
        L($"#SBATCH --output={runs}/{LogFolder}/%x-%A_%a.out");
        L("#SBATCH --open-mode=append");
        L("#SBATCH --requeue");
        L("set -euo pipefail");
        L(string.Create(CultureInfo.InvariantCulture, $"export OMP_NUM_THREADS=\"${{SLURM_CPUS_PER_TASK:-{o.CpusPerTask}}}\""));
        L($"exec {o.MapleCommand} run-spec {ShellQuote(runs)}");
        return s.ToString();
    }

    /// <summary>Single-quotes a word for bash.</summary>
    internal static string ShellQuote(string word) => "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
