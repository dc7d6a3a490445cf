namespace MaPLe.Data.Readers;

/// <summary>
/// ImageNet-1k (<c>imagenet/images/{train,val}/&lt;wnid&gt;/</c> + <c>classnames.txt</c>). Labels are the sorted wnid folders
/// of <c>train</c>; the validation set is the test set (and, as upstream, also the validation set).
/// </summary>
internal sealed class ImageNetReader : IDatasetReader
{
    private const string DownloadHint =
        "Download ImageNet (https://image-net.org) and extract the training and validation sets to imagenet/images/train and imagenet/images/val, one folder per wnid (see the CoOp DATASETS.md).";

    /// <inheritdoc />
    public string Name => "ImageNet";

    /// <inheritdoc />
    public string DirectoryName => "imagenet";

    /// <inheritdoc />
    public bool IsTestOnly => false;

    /// <inheritdoc />
    public DatasetSplits Read(string datasetDirectory, SplitCreationOptions creation)
    {
        ArgumentNullException.ThrowIfNull(datasetDirectory);
        ArgumentNullException.ThrowIfNull(creation);
        DatasetFiles.RequireDirectory(Name, datasetDirectory, DownloadHint);
        var classNamesFile = Path.Combine(datasetDirectory, "classnames.txt");
        var classNames = ImageNetClassNames.Read(classNamesFile, Name).ToDictionary(StringComparer.Ordinal);
        var trainDir = DatasetFiles.RequireDirectory(Name, Path.Combine(datasetDirectory, "images", "train"), DownloadHint);
        var valDir = DatasetFiles.RequireDirectory(Name, Path.Combine(datasetDirectory, "images", "val"), DownloadHint);
        var folders = DatasetFiles.ListNonHidden(trainDir, directoriesOnly: true);
        var labels = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < folders.Count; i++)
            labels.Add(folders[i], i);
        var train = ReadFolders(trainDir, labels, classNames, classNamesFile, creation.FileSystemOrder);
        var test = ReadFolders(valDir, labels, classNames, classNamesFile, creation.FileSystemOrder);
        return new DatasetSplits(train, test, test, ValIsTest: true);
    }

    private List<ImageItem> ReadFolders(string splitDir, Dictionary<string, int> labels, Dictionary<string, string> classNames, string classNamesFile, bool fileSystemOrder)
    {
        var items = new List<ImageItem>();
        foreach (var folder in DatasetFiles.ListNonHidden(splitDir, directoriesOnly: true))
        {
            // Upstream numbers train and val folders independently; with the same folder set that equals train's labels,
            // and a folder only in val would silently shift labels, so it is an error here.
            if (!labels.TryGetValue(folder, out int label))
                throw new DatasetFormatException(Name, Path.Combine(splitDir, folder), "this class folder has no counterpart in images/train.");
            if (!classNames.TryGetValue(folder, out var className))
                throw new DatasetFormatException(Name, classNamesFile, $"folder '{folder}' is not listed.");
            var dir = Path.Combine(splitDir, folder);
            foreach (var file in DatasetFiles.ListFiles(dir, fileSystemOrder))
                items.Add(new ImageItem(Path.Combine(dir, file), label, className));
        }
        return items;
    }
}
