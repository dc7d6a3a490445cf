namespace MaPLe.Data.Readers;

/// <summary>
/// Base of the test-only ImageNet variants laid out as one folder per wnid beside a copy of ImageNet's
/// <c>classnames.txt</c>: labels are the sorted folders (README.txt ignored), names looked up by wnid.
/// </summary>
internal abstract class ImageNetFolderVariantReader : IDatasetReader
{
    /// <inheritdoc />
    public abstract string Name { get; }

    /// <inheritdoc />
    public abstract string DirectoryName { get; }

    /// <inheritdoc />
    public bool IsTestOnly => true;

    /// <summary>The image folder inside the dataset folder.</summary>
    protected abstract string ImageFolder { get; }

    /// <summary>What to download (for error messages).</summary>
    protected abstract string DownloadHint { get; }

    /// <inheritdoc />
    public DatasetSplits Read(string datasetDirectory, SplitCreationOptions creation)
    {
        ArgumentNullException.ThrowIfNull(datasetDirectory);
        ArgumentNullException.ThrowIfNull(creation);
        DatasetFiles.RequireDirectory(Name, datasetDirectory, DownloadHint);
        var classNamesFile = Path.Combine(datasetDirectory, "classnames.txt");
        var classNames = ImageNetClassNames.Read(classNamesFile, Name).ToDictionary(StringComparer.Ordinal);
        var imageDir = DatasetFiles.RequireDirectory(Name, Path.Combine(datasetDirectory, ImageFolder), DownloadHint);
        var items = new List<ImageItem>();
        var folders = DatasetFiles.ListNonHidden(imageDir, directoriesOnly: true);
        for (int label = 0; label < folders.Count; label++)
        {
            if (!classNames.TryGetValue(folders[label], out var className))
                throw new DatasetFormatException(Name, classNamesFile, $"folder '{folders[label]}' is not listed.");
            var dir = Path.Combine(imageDir, folders[label]);
            foreach (var file in DatasetFiles.ListFiles(dir, creation.FileSystemOrder))
                items.Add(new ImageItem(Path.Combine(dir, file), label, className));
        }
        return new DatasetSplits([], [], items);
    }
}

/// <summary>ImageNet-Sketch (<c>imagenet-sketch/images/&lt;wnid&gt;/</c>), test only, 1000 classes.</summary>
internal sealed class ImageNetSketchReader : ImageNetFolderVariantReader
{
    /// <inheritdoc />
    public override string Name => "ImageNetSketch";

    /// <inheritdoc />
    public override string DirectoryName => "imagenet-sketch";

    /// <inheritdoc />
    protected override string ImageFolder => "images";

    /// <inheritdoc />
    protected override string DownloadHint =>
        "Download ImageNet-Sketch (https://github.com/HaohanWang/ImageNet-Sketch), extract it to imagenet-sketch/images and copy imagenet/classnames.txt beside it.";
}

/// <summary>ImageNet-A (<c>imagenet-adversarial/imagenet-a/&lt;wnid&gt;/</c>), test only, its 200 classes relabelled 0..199.</summary>
internal sealed class ImageNetAReader : ImageNetFolderVariantReader
{
    /// <inheritdoc />
    public override string Name => "ImageNetA";

    /// <inheritdoc />
    public override string DirectoryName => "imagenet-adversarial";

    /// <inheritdoc />
    protected override string ImageFolder => "imagenet-a";

    /// <inheritdoc />
    protected override string DownloadHint =>
        "Download ImageNet-A (https://github.com/hendrycks/natural-adv-examples), extract it into imagenet-adversarial (giving imagenet-a/) and copy imagenet/classnames.txt there.";
}

/// <summary>ImageNet-R (<c>imagenet-rendition/imagenet-r/&lt;wnid&gt;/</c>), test only, its 200 classes relabelled 0..199.</summary>
internal sealed class ImageNetRReader : ImageNetFolderVariantReader
{
    /// <inheritdoc />
    public override string Name => "ImageNetR";

    /// <inheritdoc />
    public override string DirectoryName => "imagenet-rendition";

    /// <inheritdoc />
    protected override string ImageFolder => "imagenet-r";

    /// <inheritdoc />
    protected override string DownloadHint =>
        "Download ImageNet-R (https://github.com/hendrycks/imagenet-r), extract it into imagenet-rendition (giving imagenet-r/) and copy imagenet/classnames.txt there.";
}

/// <summary>
/// ImageNetV2 matched-frequency (<c>imagenetv2/imagenetv2-matched-frequency-format-val/&lt;0..999&gt;/</c>), test only: folder
/// <c>i</c> holds class <c>i</c> of <c>classnames.txt</c>.
/// </summary>
internal sealed class ImageNetV2Reader : IDatasetReader
{
    private const string DownloadHint =
        "Download imagenetv2-matched-frequency.tar.gz (https://github.com/modestyachts/ImageNetV2), extract it into imagenetv2 and copy imagenet/classnames.txt there.";

    /// <inheritdoc />
    public string Name => "ImageNetV2";

    /// <inheritdoc />
    public string DirectoryName => "imagenetv2";

    /// <inheritdoc />
    public bool IsTestOnly => true;

    /// <inheritdoc />
    public DatasetSplits Read(string datasetDirectory, SplitCreationOptions creation)
    {
        ArgumentNullException.ThrowIfNull(datasetDirectory);
        ArgumentNullException.ThrowIfNull(creation);
        DatasetFiles.RequireDirectory(Name, datasetDirectory, DownloadHint);
        var classNames = ImageNetClassNames.Read(Path.Combine(datasetDirectory, "classnames.txt"), Name);
        var imageDir = DatasetFiles.RequireDirectory(Name, Path.Combine(datasetDirectory, "imagenetv2-matched-frequency-format-val"), DownloadHint);
        var items = new List<ImageItem>();
        for (int label = 0; label < classNames.Count; label++)
        {
            var dir = DatasetFiles.RequireDirectory(Name, Path.Combine(imageDir, label.ToString(System.Globalization.CultureInfo.InvariantCulture)), DownloadHint);
            foreach (var file in DatasetFiles.ListFiles(dir, creation.FileSystemOrder))
                items.Add(new ImageItem(Path.Combine(dir, file), label, classNames[label].Value));
        }
        return new DatasetSplits([], [], items);
    }
}
