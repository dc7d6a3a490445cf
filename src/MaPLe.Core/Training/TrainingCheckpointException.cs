namespace MaPLe.Training;

/// <summary>A checkpoint is missing, unreadable, or does not belong to the run being resumed (the message says which key differs).</summary>
public sealed class TrainingCheckpointException : MalformedFileException
{
    /// <summary>Creates the exception (no file named: <see cref="MalformedFileException.FilePath"/> is empty).</summary>
    public TrainingCheckpointException(string message, Exception? inner = null)
        : base(message, string.Empty, message, null, inner) { }

    /// <summary>Creates the exception for the checkpoint <paramref name="path"/>.</summary>
    /// <param name="path">The checkpoint file.</param>
    /// <param name="message">The full explanation, naming the file.</param>
    /// <param name="key">The metadata key or setting that does not fit, when there is one.</param>
    /// <param name="inner">The reader error behind this one, if any.</param>
    public TrainingCheckpointException(string path, string message, string? key, Exception? inner = null)
        : base(message, path, message, key, inner) { }
}
