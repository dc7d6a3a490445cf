namespace MaPLe.Data;

/// <summary>Thrown when a dataset file exists but its content is not what the reader expects (names the file and the problem).</summary>
public sealed class DatasetFormatException : IOException
{
    /// <summary>Creates the exception for <paramref name="path"/>.</summary>
    public DatasetFormatException(string datasetName, string path, string problem, Exception? inner = null)
        : base($"{datasetName}: '{path}': {problem}", inner)
    {
        DatasetName = datasetName;
        FilePath = path;
        Problem = problem;
    }

    /// <summary>The dataset's name.</summary>
    public string DatasetName { get; }

    /// <summary>The offending file (or folder).</summary>
    public string FilePath { get; }

    /// <summary>What is wrong with it.</summary>
    public string Problem { get; }
}
