using MaPLe.Data.Sampling;

namespace MaPLe.Data.Readers;

/// <summary>
/// Caltech101 (<c>caltech-101/101_ObjectCategories</c>). Without a split file, the class folders are split 50/20/30,
/// ignoring BACKGROUND_Google and Faces_easy and renaming airplanes/Faces/Leopards/Motorbikes.
/// </summary>
internal sealed class Caltech101Reader : ZhouSplitDatasetReader
{
    /// <summary>Folders upstream skips.</summary>
    public static readonly IReadOnlyCollection<string> Ignored = ["BACKGROUND_Google", "Faces_easy"];

    /// <summary>Upstream's class renames.</summary>
    public static readonly IReadOnlyDictionary<string, string> Renames = new Dictionary<string, string>
    {
        ["airplanes"] = "airplane",
        ["Faces"] = "face",
        ["Leopards"] = "leopard",
        ["Motorbikes"] = "motorbike",
    };

    /// <inheritdoc />
    public override string Name => "Caltech101";

    /// <inheritdoc />
    public override string DirectoryName => "caltech-101";

    /// <inheritdoc />
    protected override string ImageFolder => "101_ObjectCategories";

    /// <inheritdoc />
    protected override string DownloadHint =>
        "Download 101_ObjectCategories.tar.gz (http://www.vision.caltech.edu/Image_Datasets/Caltech101/) and extract it into the caltech-101 folder.";

    /// <inheritdoc />
    protected override DatasetSplits CreateSplit(string datasetDirectory, string imageDirectory, SplitCreationOptions creation, string splitRemedy) =>
        RandomSplits.SplitFolderTree(imageDirectory, creation.SplitRandom(), Name, Ignored, Renames, creation.FileSystemOrder);
}

/// <summary>Describable Textures (<c>dtd/images</c>); without a split file the class folders are split 50/20/30.</summary>
internal sealed class DescribableTexturesReader : ZhouSplitDatasetReader
{
    /// <inheritdoc />
    public override string Name => "DescribableTextures";

    /// <inheritdoc />
    public override string DirectoryName => "dtd";

    /// <inheritdoc />
    protected override string ImageFolder => "images";

    /// <inheritdoc />
    protected override string DownloadHint =>
        "Download dtd-r1.0.1.tar.gz (https://www.robots.ox.ac.uk/~vgg/data/dtd/) and extract it into the data root (giving dtd/images).";

    /// <inheritdoc />
    protected override DatasetSplits CreateSplit(string datasetDirectory, string imageDirectory, SplitCreationOptions creation, string splitRemedy) =>
        RandomSplits.SplitFolderTree(imageDirectory, creation.SplitRandom(), Name, fileSystemOrder: creation.FileSystemOrder);
}

/// <summary>
/// EuroSAT (<c>eurosat/2750</c>), with upstream's descriptive class names ("AnnualCrop" → "Annual Crop Land", …);
/// without a split file the class folders are split 50/20/30.
/// </summary>
internal sealed class EuroSatReader : ZhouSplitDatasetReader
{
    /// <summary>Upstream's class renames (folder → prompt name).</summary>
    public static readonly IReadOnlyDictionary<string, string> Renames = new Dictionary<string, string>
    {
        ["AnnualCrop"] = "Annual Crop Land",
        ["Forest"] = "Forest",
        ["HerbaceousVegetation"] = "Herbaceous Vegetation Land",
        ["Highway"] = "Highway or Road",
        ["Industrial"] = "Industrial Buildings",
        ["Pasture"] = "Pasture Land",
        ["PermanentCrop"] = "Permanent Crop Land",
        ["Residential"] = "Residential Buildings",
        ["River"] = "River",
        ["SeaLake"] = "Sea or Lake",
    };

    /// <inheritdoc />
    public override string Name => "EuroSAT";

    /// <inheritdoc />
    public override string DirectoryName => "eurosat";

    /// <inheritdoc />
    protected override string ImageFolder => "2750";

    /// <inheritdoc />
    protected override string DownloadHint =>
        "Download EuroSAT.zip (http://madm.dfki.de/files/sentinel/EuroSAT.zip) and extract it into the eurosat folder (giving eurosat/2750).";

    /// <inheritdoc />
    protected override DatasetSplits CreateSplit(string datasetDirectory, string imageDirectory, SplitCreationOptions creation, string splitRemedy) =>
        RandomSplits.SplitFolderTree(imageDirectory, creation.SplitRandom(), Name, renames: Renames, fileSystemOrder: creation.FileSystemOrder);
}

/// <summary>Food-101 (<c>food-101/images</c>); without a split file the class folders are split 50/20/30.</summary>
internal sealed class Food101Reader : ZhouSplitDatasetReader
{
    /// <inheritdoc />
    public override string Name => "Food101";

    /// <inheritdoc />
    public override string DirectoryName => "food-101";

    /// <inheritdoc />
    protected override string ImageFolder => "images";

    /// <inheritdoc />
    protected override string DownloadHint =>
        "Download food-101.tar.gz (https://data.vision.ee.ethz.ch/cvl/datasets_extra/food-101/) and extract it into the data root (giving food-101/images).";

    /// <inheritdoc />
    protected override DatasetSplits CreateSplit(string datasetDirectory, string imageDirectory, SplitCreationOptions creation, string splitRemedy) =>
        RandomSplits.SplitFolderTree(imageDirectory, creation.SplitRandom(), Name, fileSystemOrder: creation.FileSystemOrder);
}
