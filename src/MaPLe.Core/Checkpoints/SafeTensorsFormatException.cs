namespace MaPLe.Checkpoints;

/// <summary>Thrown when a safetensors file is malformed: the message names the file and what is wrong with it.</summary>
public sealed class SafeTensorsFormatException : FormatException
{
    /// <summary>Creates the exception for <paramref name="path"/>.</summary>
    public SafeTensorsFormatException(string path, string problem)
        : base($"Invalid safetensors file '{path}': {problem}")
    {
        FilePath = path;
        Problem = problem;
    }

    /// <summary>The file that could not be read.</summary>
    public string FilePath { get; }

    /// <summary>What is wrong, without the file name.</summary>
    public string Problem { get; }
}
