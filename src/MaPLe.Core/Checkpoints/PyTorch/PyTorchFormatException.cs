namespace MaPLe.Checkpoints.PyTorch;

/// <summary>
/// Thrown when a PyTorch file (torch.save archive, legacy stream, TorchScript archive or Dassl checkpoint) is malformed,
/// unsafe or not what was asked for: the message names the file, the entry, key or pickle global at fault, and what to do.
/// </summary>
public sealed class PyTorchFormatException : MalformedFileException
{
    /// <summary>Creates the exception for <paramref name="path"/>.</summary>
    /// <param name="path">The file at fault.</param>
    /// <param name="problem">What is wrong and how to fix it.</param>
    /// <param name="innerException">The error behind this one, if any.</param>
    public PyTorchFormatException(string path, string problem, Exception? innerException = null)
        : base($"Cannot read PyTorch file '{path}': {problem}", path, problem, null, innerException)
    {
    }
}
