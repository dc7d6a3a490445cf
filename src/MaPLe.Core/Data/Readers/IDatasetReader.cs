namespace MaPLe.Data.Readers;

/// <summary>Reads one benchmark dataset's fixed split from its folder, the way the upstream dataset class does.</summary>
public interface IDatasetReader
{
    /// <summary>The upstream config name (<c>DATASET.NAME</c>), e.g. "EuroSAT".</summary>
    string Name { get; }

    /// <summary>The dataset's folder under the data root (upstream <c>dataset_dir</c>), e.g. "eurosat".</summary>
    string DirectoryName { get; }

    /// <summary>True for the test-only ImageNet variants (no train/val, no few-shot).</summary>
    bool IsTestOnly { get; }

    /// <summary>
    /// Reads the fixed train/val/test split from <paramref name="datasetDirectory"/> (the folder named
    /// <see cref="DirectoryName"/>). Item paths are absolute.
    /// </summary>
    /// <exception cref="DatasetNotFoundException">A required folder or file is missing.</exception>
    /// <exception cref="DatasetFormatException">A file's content is malformed.</exception>
    DatasetSplits Read(string datasetDirectory, SplitCreationOptions creation);
}

/// <summary>What a reader does when a dataset's <c>split_zhou_*.json</c> is missing.</summary>
/// <param name="CreateIfMissing">
/// True: create a random split as upstream does and save it (atomically) where upstream would; false: throw
/// <see cref="DatasetNotFoundException"/> naming the split file to download.
/// </param>
/// <param name="Seed">Seed of the Python-compatible generator that shuffles the items when a split is created.</param>
public sealed record SplitCreationOptions(bool CreateIfMissing = true, int Seed = 1);
