using MaPLe.Data.Sampling;

namespace MaPLe.Data.Readers;

/// <summary>
/// Base of the readers whose fixed split is CoOp's <c>split_zhou_&lt;Name&gt;.json</c>: read it when present, else create a
/// random split from the raw annotations and save it where upstream would.
/// </summary>
internal abstract class ZhouSplitDatasetReader : IDatasetReader
{
    /// <inheritdoc />
    public abstract string Name { get; }

    /// <inheritdoc />
    public abstract string DirectoryName { get; }

    /// <inheritdoc />
    public bool IsTestOnly => false;

    /// <summary>The image folder relative to the dataset folder (e.g. "2750" for EuroSAT).</summary>
    protected abstract string ImageFolder { get; }

    /// <summary>What to download to get the images (one sentence, for error messages).</summary>
    protected abstract string DownloadHint { get; }

    /// <summary>The split file's name, <c>split_zhou_&lt;Name&gt;.json</c>.</summary>
    public string SplitFileName => $"split_zhou_{Name}.json";

    /// <summary>The folder split-file paths are relative to: the image folder (StanfordCars: the dataset folder).</summary>
    protected virtual string SplitPathBase(string datasetDirectory) => Path.Combine(datasetDirectory, ImageFolder);

    /// <inheritdoc />
    public DatasetSplits Read(string datasetDirectory, SplitCreationOptions creation)
    {
        ArgumentNullException.ThrowIfNull(datasetDirectory);
        ArgumentNullException.ThrowIfNull(creation);
        var splitRemedy = $"Download {SplitFileName} from the CoOp DATASETS.md (https://github.com/KaiyangZhou/CoOp/blob/main/DATASETS.md) into '{datasetDirectory}'.";
        DatasetFiles.RequireDirectory(Name, datasetDirectory, $"{DownloadHint} {splitRemedy}");
        var imageDirectory = Path.Combine(datasetDirectory, ImageFolder);
        DatasetFiles.RequireDirectory(Name, imageDirectory, DownloadHint);
        var splitFile = Path.Combine(datasetDirectory, SplitFileName);
        var pathBase = SplitPathBase(datasetDirectory);
        if (File.Exists(splitFile))
            return ZhouSplitFile.Read(splitFile, pathBase, Name);
        if (!creation.CreateIfMissing)
            throw new DatasetNotFoundException(Name, splitFile, splitRemedy + " (Or allow creating a random split.)");
        var splits = CreateSplit(datasetDirectory, imageDirectory, creation, splitRemedy);
        ZhouSplitFile.Write(splitFile, splits, pathBase, Name);
        return splits;
    }

    /// <summary>
    /// Creates the random split upstream creates when the split file is missing, shuffling with
    /// <c>creation.SplitRandom()</c> and listing files as <paramref name="creation"/> says. <paramref name="splitRemedy"/>
    /// is the hint to append when the raw annotations needed for that are missing too.
    /// </summary>
    protected abstract DatasetSplits CreateSplit(string datasetDirectory, string imageDirectory, SplitCreationOptions creation, string splitRemedy);
}
