namespace MaPLe.Cli.Sweeps;

/// <summary>How the generated Kubernetes Job and SLURM script run the cells (<c>maple sweep</c>'s options).</summary>
public sealed record EngineOptions
{
    /// <summary>Kubernetes Job and SLURM job name (a DNS label: lower case, digits, '-').</summary>
    public required string JobName { get; init; }

    /// <summary>Whether each task gets one GPU (<c>--device cuda</c>).</summary>
    public bool Gpu { get; init; }

    /// <summary>Container image with the <c>maple</c> command (see the repository's Dockerfile).</summary>
    public string Image { get; init; } = DefaultImage;

    /// <summary>The image name the repository's Dockerfile builds.</summary>
    public const string DefaultImage = "maple-cli:latest";

    /// <summary>Where the runs folder is mounted in the pods (read-write, shared).</summary>
    public string RunsMount { get; init; } = "/runs";

    /// <summary>PersistentVolumeClaim holding the runs folder (ReadWriteMany).</summary>
    public string RunsClaim { get; init; } = "maple-runs";

    /// <summary>Where the datasets (and weights) are mounted in the pods (read-only).</summary>
    public string DataMount { get; init; } = "/data";

    /// <summary>PersistentVolumeClaim holding the datasets.</summary>
    public string DataClaim { get; init; } = "maple-data";

    /// <summary>Pods running at once; null = every cell.</summary>
    public int? Parallelism { get; init; }

    /// <summary>Retries of a failed cell (Kubernetes backoffLimitPerIndex).</summary>
    public int RetriesPerCell { get; init; } = 2;

    /// <summary>CPU cores per task (also the libtorch/OpenMP thread count).</summary>
    public int CpusPerTask { get; init; } = 4;

    /// <summary>Memory per task, GiB.</summary>
    public int MemoryGiB { get; init; } = 16;

    /// <summary>The runs folder as the SLURM nodes see it (absolute).</summary>
    public required string SlurmRunsPath { get; init; }

    /// <summary>The command that starts the CLI on the SLURM nodes.</summary>
    public string MapleCommand { get; init; } = "maple";

    /// <summary>Checks every option, naming the first bad one.</summary>
    /// <exception cref="ArgumentException">An invalid option.</exception>
    public EngineOptions Validate()
    {
        if (JobName.Length is 0 or > 52 || !JobName.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' or '-') || !char.IsAsciiLetterOrDigit(JobName[0]) || JobName[^1] == '-')
            throw new ArgumentException($"--job-name '{JobName}' must be 1-52 characters of lower-case letters, digits and '-', starting and ending with a letter or digit (a Kubernetes name).");
        if (Parallelism is < 1) throw new ArgumentException("--parallelism must be at least 1.");
        if (RetriesPerCell < 0) throw new ArgumentException("--retries must be at least 0.");
        if (CpusPerTask < 1) throw new ArgumentException("--cpus-per-task must be at least 1.");
        if (MemoryGiB < 1) throw new ArgumentException("--memory-gb must be at least 1.");
        if (!RunsMount.StartsWith('/') || !DataMount.StartsWith('/')) throw new ArgumentException("--runs-mount and --data-mount must be absolute paths in the container.");
        if (!Path.IsPathRooted(SlurmRunsPath)) throw new ArgumentException($"--slurm-runs-path must be absolute (got '{SlurmRunsPath}').");
        return this;
    }
}
