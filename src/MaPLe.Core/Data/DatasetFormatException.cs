namespace MaPLe.Data;

/// <summary>Thrown when a dataset file exists but its content is not what the reader expects (names the file and the problem).</summary>
public sealed class DatasetFormatException : MalformedFileException
{
    /// <summary>Creates the exception for <paramref name="path"/>.</summary>
    public DatasetFormatException(string datasetName, string path, string problem, Exception? inner = null)
        : base($"{datasetName}: '{path}': {problem}", path, problem, null, inner)
    {
        DatasetName = datasetName;
    }

    /// <summary>The dataset's name.</summary>
    public string DatasetName { get; }
}
