using System.Globalization;
using MaPLe.IO;
using MaPLe.Training;

namespace MaPLe.Cli.Commands;

/// <summary>
/// Where <c>maple train</c> writes: the prompt file (<c>-o</c>) and the checkpoint folder. Both are checked before any
/// data is generated or loaded, the checkpoint folder is locked against a second run, and the messages on resume and on
/// cancellation say where the run stands and how to continue.
/// </summary>
public sealed class TrainOutputs : IDisposable
{
    private readonly CheckpointFolderLock? _lock;

    private TrainOutputs(string output, string? checkpoints, CheckpointFolderLock? folderLock)
    {
        Output = output;
        Checkpoints = checkpoints;
        _lock = folderLock;
    }

    /// <summary>The prompt file to write when training finishes.</summary>
    public string Output { get; }

    /// <summary>The checkpoint folder, when given.</summary>
    public string? Checkpoints { get; }

    /// <summary>Checks both paths (creating the folders) and locks the checkpoint folder.</summary>
    /// <exception cref="OutputPathException">A path cannot be used; nothing was written.</exception>
    /// <exception cref="InvalidOperationException">Another run holds the checkpoint folder.</exception>
    public static TrainOutputs Prepare(string output, string? checkpoints, bool force, TextWriter log)
    {
        if (OutputProbe.FileProblem(output, force) is { } problem)
            throw new OutputPathException("--output", output, problem,
                File.Exists(output) && !Directory.Exists(output) ? "pass --force to overwrite it" : "choose a writable file path");
        if (checkpoints is null)
            return new TrainOutputs(output, null, null);
        if (OutputProbe.FolderProblem(checkpoints) is { } folderProblem)
            throw new OutputPathException("--checkpoints", checkpoints, folderProblem, "choose a writable folder");
        var folderLock = CheckpointFolderLock.Acquire(checkpoints);
        if (folderLock.TookOverStaleLock)
            log.WriteLine($"note: took over the lock of '{checkpoints}' left by a run that no longer exists");
        return new TrainOutputs(output, checkpoints, folderLock);
    }

    /// <summary>Says where a run resumes, when the checkpoint folder holds a checkpoint.</summary>
    public void ReportResume(TextWriter log)
    {
        if (Checkpoints is null || TrainingCheckpoint.Find(Checkpoints) is not { } path)
            return;
        var info = ReadInfo(path);
        log.WriteLine(info is null
            ? $"resuming from {path}"
            : string.Create(CultureInfo.InvariantCulture,
                $"resuming from {path}: epoch {info.NextEpoch + 1}/{info.Epochs}, step {info.NextStep}/{info.StepsPerEpoch} ({info.GlobalStep} of {(long)info.Epochs * info.StepsPerEpoch} steps done)"));
    }

    /// <summary>Says what a cancelled run kept and how to resume it.</summary>
    public void ReportCancelled(TextWriter log, string commandLine)
    {
        if (Checkpoints is not null && TrainingCheckpoint.Find(Checkpoints) is { } path && ReadInfo(path) is { } info)
        {
            log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"stopped at epoch {info.NextEpoch + 1}/{info.Epochs}, step {info.NextStep}/{info.StepsPerEpoch} ({info.GlobalStep} steps done); checkpoint written to {path}; '{Output}' was not written."));
            log.WriteLine($"To resume, run the same command again: {commandLine}");
        }
        else
        {
            log.WriteLine($"stopped; nothing was saved and '{Output}' was not written. Add --checkpoints FOLDER to make a run resumable.");
        }
    }

    private static TrainingCheckpointInfo? ReadInfo(string path)
    {
        try
        {
            using var checkpoint = TrainingCheckpoint.Load(path);
            return checkpoint.Info;
        }
        catch (TrainingCheckpointException)
        {
            return null;   // the trainer reports an unreadable checkpoint itself, with the reason
        }
    }

    /// <inheritdoc />
    public void Dispose() => _lock?.Dispose();
}
