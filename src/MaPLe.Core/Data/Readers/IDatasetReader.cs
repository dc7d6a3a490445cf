using MaPLe.Data.Sampling;

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

/// <summary>How a reader lists a dataset's files and what it does when its <c>split_zhou_*.json</c> is missing.</summary>
/// <param name="CreateIfMissing">
/// True: create a random split as upstream does and save it (atomically) where upstream would; false: throw
/// <see cref="DatasetNotFoundException"/> naming the split file to download.
/// </param>
/// <param name="Seed">Seed of the Python-compatible generator that shuffles the items when a split is created.</param>
public sealed record SplitCreationOptions(bool CreateIfMissing = true, int Seed = 1)
{
    /// <summary>
    /// The generator that shuffles a created split; null uses a fresh one seeded with <see cref="Seed"/>. Pass one to keep
    /// drawing from it afterwards, as upstream's few-shot sampling continues the split's Python <c>random</c> stream.
    /// </summary>
    public PythonRandom? Random { get; init; }

    /// <summary>
    /// List image files in the file system's own order (upstream's <c>os.listdir</c>) instead of sorted by name; see
    /// <see cref="DatasetOptions.FileSystemOrder"/>.
    /// </summary>
    public bool FileSystemOrder { get; init; }

    /// <summary>The generator a created split shuffles with: <see cref="Random"/>, else a fresh one seeded with <see cref="Seed"/>.</summary>
    public PythonRandom SplitRandom() => Random ?? new PythonRandom(Seed);
}
