namespace MaPLe.Training;

/// <summary>A checkpoint is missing, unreadable, or does not belong to the run being resumed (the message says which key differs).</summary>
public sealed class TrainingCheckpointException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TrainingCheckpointException(string message, Exception? inner = null) : base(message, inner) { }
}
