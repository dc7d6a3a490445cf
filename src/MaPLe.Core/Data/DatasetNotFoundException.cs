namespace MaPLe.Data;

/// <summary>
/// Thrown when a dataset folder or file is missing. Names the dataset, the path that was expected and what to download or
/// create there.
/// </summary>
public sealed class DatasetNotFoundException : FileNotFoundException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="datasetName">The dataset (e.g. "EuroSAT").</param>
    /// <param name="expectedPath">The file or folder that does not exist.</param>
    /// <param name="remedy">What to download or create there (e.g. "split_zhou_EuroSAT.json from the CoOp DATASETS.md").</param>
    public DatasetNotFoundException(string datasetName, string expectedPath, string remedy)
        : base($"{datasetName}: '{expectedPath}' does not exist. {remedy}", expectedPath)
    {
        DatasetName = datasetName;
        ExpectedPath = expectedPath;
        Remedy = remedy;
    }

    /// <summary>The dataset's name.</summary>
    public string DatasetName { get; }

    /// <summary>The file or folder that was expected.</summary>
    public string ExpectedPath { get; }

    /// <summary>What to download or create.</summary>
    public string Remedy { get; }
}
