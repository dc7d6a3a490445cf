using System.Globalization;
using MaPLe.Data.Sampling;

namespace MaPLe.Data.Readers;

/// <summary>
/// Oxford-IIIT Pets (<c>oxford_pets/images</c>). Without a split file, <c>annotations/trainval.txt</c> is split 80/20
/// per class and <c>annotations/test.txt</c> is the test set; class = the lower-cased breed from the image name.
/// </summary>
internal sealed class OxfordPetsReader : ZhouSplitDatasetReader
{
    /// <inheritdoc />
    public override string Name => "OxfordPets";

    /// <inheritdoc />
    public override string DirectoryName => "oxford_pets";

    /// <inheritdoc />
    protected override string ImageFolder => "images";

    /// <inheritdoc />
    protected override string DownloadHint =>
        "Download images.tar.gz and annotations.tar.gz (https://www.robots.ox.ac.uk/~vgg/data/pets/) and extract them into the oxford_pets folder.";

    /// <inheritdoc />
    protected override DatasetSplits CreateSplit(string datasetDirectory, string imageDirectory, SplitCreationOptions creation, string splitRemedy)
    {
        var trainVal = ReadList(datasetDirectory, imageDirectory, "trainval.txt", splitRemedy);
        var test = ReadList(datasetDirectory, imageDirectory, "test.txt", splitRemedy);
        var (train, val) = RandomSplits.SplitTrainVal(trainVal, creation.SplitRandom(), Name);
        return new DatasetSplits(train, val, test);
    }

    private List<ImageItem> ReadList(string datasetDirectory, string imageDirectory, string fileName, string splitRemedy)
    {
        var file = Path.Combine(datasetDirectory, "annotations", fileName);
        var items = new List<ImageItem>();
        foreach (var (number, line) in DatasetFiles.ReadLines(Name, file, $"{DownloadHint} Or: {splitRemedy}"))
        {
            if (line.StartsWith('#'))
                continue;
            var parts = line.Split(' ');
            if (parts.Length < 2 || !int.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out int classId))
                throw new DatasetFormatException(Name, file, $"line {number}: expected \"<image> <class id> <species> <breed id>\", got \"{line}\".");
            items.Add(new ImageItem(Path.Combine(imageDirectory, parts[0] + ".jpg"), classId - 1, ClassNameRules.PetBreed(parts[0])));
        }
        return items;
    }
}

/// <summary>
/// SUN397 (<c>sun397/SUN397</c>). Without a split file, <c>Training_01.txt</c> is split 80/20 per class and
/// <c>Testing_01.txt</c> is the test set; labels follow <c>ClassName.txt</c>, names are the reversed folder parts.
/// </summary>
internal sealed class Sun397Reader : ZhouSplitDatasetReader
{
    /// <inheritdoc />
    public override string Name => "SUN397";

    /// <inheritdoc />
    public override string DirectoryName => "sun397";

    /// <inheritdoc />
    protected override string ImageFolder => "SUN397";

    /// <inheritdoc />
    protected override string DownloadHint =>
        "Download SUN397.tar.gz and Partitions.zip (https://vision.princeton.edu/projects/2010/SUN/) and extract them into the sun397 folder.";

    /// <inheritdoc />
    protected override DatasetSplits CreateSplit(string datasetDirectory, string imageDirectory, SplitCreationOptions creation, string splitRemedy)
    {
        var remedy = $"It comes with Partitions.zip. Or: {splitRemedy}";
        var labels = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (_, line) in DatasetFiles.ReadLines(Name, Path.Combine(datasetDirectory, "ClassName.txt"), remedy))
            labels[line[1..]] = labels.Count; // "/a/abbey" -> "a/abbey"
        var trainVal = ReadList(datasetDirectory, imageDirectory, "Training_01.txt", labels, remedy);
        var test = ReadList(datasetDirectory, imageDirectory, "Testing_01.txt", labels, remedy);
        var (train, val) = RandomSplits.SplitTrainVal(trainVal, creation.SplitRandom(), Name);
        return new DatasetSplits(train, val, test);
    }

    private List<ImageItem> ReadList(string datasetDirectory, string imageDirectory, string fileName, Dictionary<string, int> labels, string remedy)
    {
        var file = Path.Combine(datasetDirectory, fileName);
        var items = new List<ImageItem>();
        foreach (var (number, line) in DatasetFiles.ReadLines(Name, file, remedy))
        {
            var imageName = line[1..]; // "/a/abbey/sun_x.jpg" -> "a/abbey/sun_x.jpg"
            int slash = imageName.LastIndexOf('/');
            var folder = slash < 0 ? "" : imageName[..slash];
            if (!labels.TryGetValue(folder, out int label))
                throw new DatasetFormatException(Name, file, $"line {number}: class folder '{folder}' is not listed in ClassName.txt.");
            items.Add(new ImageItem(Path.Combine(imageDirectory, imageName), label, ClassNameRules.Sun397FromFolder(folder)));
        }
        return items;
    }
}

/// <summary>
/// UCF101 mid-frames (<c>ucf101/UCF-101-midframes/&lt;Action_Name&gt;/*.jpg</c>). Without a split file,
/// <c>ucfTrainTestlist/trainlist01.txt</c> is split 80/20 per class and <c>testlist01.txt</c> is the test set; class
/// names are the CamelCase action split with "_".
/// </summary>
internal sealed class Ucf101Reader : ZhouSplitDatasetReader
{
    /// <inheritdoc />
    public override string Name => "UCF101";

    /// <inheritdoc />
    public override string DirectoryName => "ucf101";

    /// <inheritdoc />
    protected override string ImageFolder => "UCF-101-midframes";

    /// <inheritdoc />
    protected override string DownloadHint =>
        "Download UCF-101-midframes.zip (link in the CoOp DATASETS.md) and extract it into the ucf101 folder.";

    /// <inheritdoc />
    protected override DatasetSplits CreateSplit(string datasetDirectory, string imageDirectory, SplitCreationOptions creation, string splitRemedy)
    {
        var remedy = $"It comes with the UCF101 train/test split (UCF101TrainTestSplits-RecognitionTask.zip). Or: {splitRemedy}";
        var labels = new Dictionary<string, int>(StringComparer.Ordinal);
        var classFile = Path.Combine(datasetDirectory, "ucfTrainTestlist", "classInd.txt");
        foreach (var (number, line) in DatasetFiles.ReadLines(Name, classFile, remedy))
        {
            var parts = line.Split(' ');
            if (parts.Length != 2 || !int.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out int id))
                throw new DatasetFormatException(Name, classFile, $"line {number}: expected \"<id> <ActionName>\", got \"{line}\".");
            labels[parts[1]] = id - 1;
        }
        var trainVal = ReadList(datasetDirectory, imageDirectory, "trainlist01.txt", labels, remedy);
        var test = ReadList(datasetDirectory, imageDirectory, "testlist01.txt", labels, remedy);
        var (train, val) = RandomSplits.SplitTrainVal(trainVal, creation.SplitRandom(), Name);
        return new DatasetSplits(train, val, test);
    }

    private List<ImageItem> ReadList(string datasetDirectory, string imageDirectory, string fileName, Dictionary<string, int> labels, string remedy)
    {
        var file = Path.Combine(datasetDirectory, "ucfTrainTestlist", fileName);
        var items = new List<ImageItem>();
        foreach (var (number, line) in DatasetFiles.ReadLines(Name, file, remedy))
        {
            var video = line.Split(' ')[0]; // trainlist lines: "<Action>/<file>.avi <id>"
            var parts = video.Split('/');
            if (parts.Length != 2 || !labels.TryGetValue(parts[0], out int label))
                throw new DatasetFormatException(Name, file, $"line {number}: expected \"<ActionName>/<video>.avi\" with an action from classInd.txt, got \"{line}\".");
            var action = ClassNameRules.SplitCamelCase(parts[0]);
            var image = Path.Combine(imageDirectory, action, parts[1].Replace(".avi", ".jpg", StringComparison.Ordinal));
            items.Add(new ImageItem(image, label, action));
        }
        return items;
    }
}

/// <summary>
/// Stanford Cars (<c>stanford_cars/</c>; split paths are relative to the dataset folder). Upstream creates a missing split
/// from MATLAB annotation files, which this library does not read: the split file is required.
/// </summary>
internal sealed class StanfordCarsReader : ZhouSplitDatasetReader
{
    /// <inheritdoc />
    public override string Name => "StanfordCars";

    /// <inheritdoc />
    public override string DirectoryName => "stanford_cars";

    /// <inheritdoc />
    protected override string ImageFolder => "";

    /// <inheritdoc />
    protected override string DownloadHint =>
        "Download cars_train.tgz, cars_test.tgz, car_devkit.tgz and cars_test_annos_withlabels.mat (see the CoOp DATASETS.md) into the stanford_cars folder.";

    /// <inheritdoc />
    protected override string SplitPathBase(string datasetDirectory) => datasetDirectory;

    /// <inheritdoc />
    protected override DatasetSplits CreateSplit(string datasetDirectory, string imageDirectory, SplitCreationOptions creation, string splitRemedy) =>
        throw new DatasetNotFoundException(Name, Path.Combine(datasetDirectory, SplitFileName),
            "Creating this split needs the MATLAB .mat annotations, which MaPLe.NET does not read. " + splitRemedy);
}

/// <summary>
/// Oxford Flowers-102 (<c>oxford_flowers/jpg</c>). Upstream creates a missing split from <c>imagelabels.mat</c>, which this
/// library does not read: the split file is required.
/// </summary>
internal sealed class OxfordFlowersReader : ZhouSplitDatasetReader
{
    /// <inheritdoc />
    public override string Name => "OxfordFlowers";

    /// <inheritdoc />
    public override string DirectoryName => "oxford_flowers";

    /// <inheritdoc />
    protected override string ImageFolder => "jpg";

    /// <inheritdoc />
    protected override string DownloadHint =>
        "Download 102flowers.tgz (https://www.robots.ox.ac.uk/~vgg/data/flowers/102/) and extract it into the oxford_flowers folder (giving oxford_flowers/jpg).";

    /// <inheritdoc />
    protected override DatasetSplits CreateSplit(string datasetDirectory, string imageDirectory, SplitCreationOptions creation, string splitRemedy) =>
        throw new DatasetNotFoundException(Name, Path.Combine(datasetDirectory, SplitFileName),
            "Creating this split needs imagelabels.mat (MATLAB), which MaPLe.NET does not read. " + splitRemedy);
}
