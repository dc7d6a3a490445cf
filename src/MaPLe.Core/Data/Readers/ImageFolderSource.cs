using MaPLe.Data.Sampling;

namespace MaPLe.Data.Readers;

/// <summary>
/// Users' own data laid out as an image-folder tree: one folder per class (sorted ordinally, labelled 0..), class name =
/// folder name. Either <c>root/{train,val,test}/&lt;class&gt;/…</c> or a single <c>root/&lt;class&gt;/…</c> tree that is split
/// per class like upstream's DTD reader.
/// </summary>
internal static class ImageFolderSource
{
    /// <summary>File extensions taken as images (case-insensitive), as torchvision's <c>ImageFolder</c>.</summary>
    public static readonly IReadOnlySet<string> ImageExtensions = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        ".jpg", ".jpeg", ".png", ".ppm", ".bmp", ".pgm", ".tif", ".tiff", ".webp", ".gif",
    };

    /// <summary>
    /// Reads one tree. Labels follow <paramref name="classOrder"/> when given (a folder not in it is an error), else the
    /// sorted class folders. Files inside a class folder are sorted; only <see cref="ImageExtensions"/> are taken.
    /// </summary>
    public static List<ImageItem> ReadTree(string directory, IReadOnlyList<string>? classOrder = null, string datasetName = "ImageFolder")
    {
        ArgumentNullException.ThrowIfNull(directory);
        DatasetFiles.RequireDirectory(datasetName, directory, "Create one sub-folder per class holding that class's images.");
        var folders = DatasetFiles.ListNonHidden(directory, directoriesOnly: true);
        var order = classOrder ?? folders;
        var labels = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < order.Count; i++)
            labels.Add(order[i], i);
        var items = new List<ImageItem>();
        foreach (var folder in folders)
        {
            if (!labels.TryGetValue(folder, out int label))
                throw new DatasetFormatException(datasetName, Path.Combine(directory, folder), "this class folder does not exist in the training tree.");
            var dir = Path.Combine(directory, folder);
            foreach (var file in DatasetFiles.ListFiles(dir))
                if (ImageExtensions.Contains(Path.GetExtension(file)))
                    items.Add(new ImageItem(Path.Combine(dir, file), label, folder));
        }
        if (items.Count == 0)
            throw new DatasetFormatException(datasetName, directory, "no images found (expected <class>/<image> with one of " + string.Join(", ", ImageExtensions) + ").");
        return items;
    }

    /// <summary>
    /// Reads <paramref name="directory"/>: when it has a <c>train</c> sub-folder, <c>train</c>, <c>val</c> (optional) and
    /// <c>test</c> (optional; else val) are trees with train's classes; otherwise the whole tree is split per class into
    /// 50% train / 20% val / 30% test with a Python-compatible shuffle seeded by <paramref name="seed"/>.
    /// </summary>
    public static DatasetSplits Read(string directory, int seed = 1, string datasetName = "ImageFolder") =>
        Read(directory, new PythonRandom(seed), datasetName);

    /// <summary>
    /// Reads <paramref name="directory"/> as <see cref="Read(string, int, string)"/> does, shuffling a split tree with
    /// <paramref name="random"/> (so a caller can keep drawing from the same stream afterwards, as upstream does).
    /// </summary>
    public static DatasetSplits Read(string directory, PythonRandom random, string datasetName = "ImageFolder")
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(random);
        DatasetFiles.RequireDirectory(datasetName, directory, "Create the folder with one sub-folder per class (or train/, val/, test/ each holding one per class).");
        var trainDir = Path.Combine(directory, "train");
        if (!Directory.Exists(trainDir))
            return RandomSplits.SplitFolderTree(directory, random, datasetName);
        var classes = DatasetFiles.ListNonHidden(trainDir, directoriesOnly: true);
        var train = ReadTree(trainDir, classes, datasetName);
        var valDir = Path.Combine(directory, "val");
        var testDir = Path.Combine(directory, "test");
        List<ImageItem> val = Directory.Exists(valDir) ? ReadTree(valDir, classes, datasetName) : [];
        if (Directory.Exists(testDir))
            return new DatasetSplits(train, val, ReadTree(testDir, classes, datasetName));
        if (val.Count == 0)
            throw new DatasetNotFoundException(datasetName, testDir, "Add a test/ (or val/) tree with one folder per class.");
        return new DatasetSplits(train, val, val, ValIsTest: true);
    }
}
