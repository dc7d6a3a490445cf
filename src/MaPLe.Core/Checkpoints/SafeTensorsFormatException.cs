namespace MaPLe.Checkpoints;

/// <summary>Thrown when a safetensors file is malformed: the message names the file and what is wrong with it.</summary>
public sealed class SafeTensorsFormatException : MalformedFileException
{
    /// <summary>Creates the exception for <paramref name="path"/>.</summary>
    public SafeTensorsFormatException(string path, string problem)
        : this(path, problem, location: null)
    {
    }

    /// <summary>Creates the exception for <paramref name="path"/>, naming the tensor or byte offset at fault.</summary>
    public SafeTensorsFormatException(string path, string problem, string? location)
        : base($"Invalid safetensors file '{path}': {problem}", path, problem, location, null)
    {
    }
}
