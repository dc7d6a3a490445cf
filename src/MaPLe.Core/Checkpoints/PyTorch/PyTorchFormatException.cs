namespace MaPLe.Checkpoints.PyTorch;

/// <summary>
/// Thrown when a PyTorch file (torch.save archive, legacy stream, TorchScript archive or Dassl checkpoint) is malformed,
/// unsafe or not what was asked for: the message names the file, the entry or pickle global at fault, and what to do.
/// </summary>
public sealed class PyTorchFormatException : FormatException
{
    /// <summary>Creates the exception for <paramref name="path"/>.</summary>
    public PyTorchFormatException(string path, string problem, Exception? inner = null)
        : base($"Cannot read PyTorch file '{path}': {problem}", inner)
    {
        FilePath = path;
        Problem = problem;
    }

    /// <summary>The file that could not be read.</summary>
    public string FilePath { get; }

    /// <summary>What is wrong, without the file name.</summary>
    public string Problem { get; }
}
