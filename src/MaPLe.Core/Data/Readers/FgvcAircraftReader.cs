namespace MaPLe.Data.Readers;

/// <summary>
/// FGVC-Aircraft 2013b (<c>fgvc_aircraft/</c> = the archive's <c>data/</c>): labels follow <c>variants.txt</c>; the splits are
/// <c>images_variant_{train,val,test}.txt</c> ("&lt;image id&gt; &lt;variant name&gt;"), images <c>images/&lt;id&gt;.jpg</c>.
/// </summary>
internal sealed class FgvcAircraftReader : IDatasetReader
{
    private const string DownloadHint =
        "Download fgvc-aircraft-2013b.tar.gz (https://www.robots.ox.ac.uk/~vgg/data/fgvc-aircraft/), extract it, keep only data/ and rename it to fgvc_aircraft.";

    /// <inheritdoc />
    public string Name => "FGVCAircraft";

    /// <inheritdoc />
    public string DirectoryName => "fgvc_aircraft";

    /// <inheritdoc />
    public bool IsTestOnly => false;

    /// <inheritdoc />
    public DatasetSplits Read(string datasetDirectory, SplitCreationOptions creation)
    {
        ArgumentNullException.ThrowIfNull(datasetDirectory);
        DatasetFiles.RequireDirectory(Name, datasetDirectory, DownloadHint);
        var imageDirectory = DatasetFiles.RequireDirectory(Name, Path.Combine(datasetDirectory, "images"), DownloadHint);
        var labels = new Dictionary<string, int>(StringComparer.Ordinal);
        int index = 0;
        foreach (var (_, line) in DatasetFiles.ReadLines(Name, Path.Combine(datasetDirectory, "variants.txt"), DownloadHint))
            labels[line] = index++;
        return new DatasetSplits(
            ReadList(datasetDirectory, imageDirectory, "images_variant_train.txt", labels),
            ReadList(datasetDirectory, imageDirectory, "images_variant_val.txt", labels),
            ReadList(datasetDirectory, imageDirectory, "images_variant_test.txt", labels));
    }

    private List<ImageItem> ReadList(string datasetDirectory, string imageDirectory, string fileName, Dictionary<string, int> labels)
    {
        var file = Path.Combine(datasetDirectory, fileName);
        var items = new List<ImageItem>();
        foreach (var (number, line) in DatasetFiles.ReadLines(Name, file, DownloadHint))
        {
            int space = line.IndexOf(' ');
            var className = space < 0 ? "" : line[(space + 1)..];
            if (space < 0 || !labels.TryGetValue(className, out int label))
                throw new DatasetFormatException(Name, file, $"line {number}: expected \"<image id> <variant from variants.txt>\", got \"{line}\".");
            items.Add(new ImageItem(Path.Combine(imageDirectory, line[..space] + ".jpg"), label, className));
        }
        return items;
    }
}
