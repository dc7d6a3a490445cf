using MaPLe.Data;

namespace MaPLe.Tests.Data;

public class DatasetErrorTests
{
    [Fact]
    public void MissingDatasetFolder_NamesDatasetPathAndDownload()
    {
        using var root = new TempDir();
        var e = Assert.Throws<DatasetNotFoundException>(() => Datasets.Open("EuroSAT", root.Path));
        Assert.Equal("EuroSAT", e.DatasetName);
        Assert.Equal(root.Combine("eurosat"), e.ExpectedPath);
        Assert.Contains("EuroSAT.zip", e.Message);
        Assert.Contains("split_zhou_EuroSAT.json", e.Message);
    }

    [Fact]
    public void MissingSplitFile_WhenCreationIsOff_NamesTheJsonToDownload()
    {
        using var root = new TempDir();
        DatasetTrees.EuroSat(root, 4);
        var e = Assert.Throws<DatasetNotFoundException>(() =>
            Datasets.Open("EuroSAT", root.Path, new DatasetOptions { CreateMissingSplit = false }));
        Assert.Equal(root.Combine("eurosat", "split_zhou_EuroSAT.json"), e.ExpectedPath);
        Assert.Contains("CoOp DATASETS.md", e.Message);
    }

    [Fact]
    public void MissingImageFolder_NamesIt()
    {
        using var root = new TempDir();
        root.WriteText("eurosat/split_zhou_EuroSAT.json", """{"train": [], "val": [], "test": []}""");
        var e = Assert.Throws<DatasetNotFoundException>(() => Datasets.Open("EuroSAT", root.Path));
        Assert.Equal(root.Combine("eurosat", "2750"), e.ExpectedPath);
    }

    [Fact]
    public void StanfordCarsWithoutSplit_ExplainsTheMatFilesAreNotRead()
    {
        using var root = new TempDir();
        Directory.CreateDirectory(root.Combine("stanford_cars"));
        var e = Assert.Throws<DatasetNotFoundException>(() => Datasets.Open("StanfordCars", root.Path));
        Assert.EndsWith("split_zhou_StanfordCars.json", e.ExpectedPath);
        Assert.Contains(".mat", e.Message);
    }

    [Fact]
    public void FgvcWithoutVariants_NamesVariantsTxt()
    {
        using var root = new TempDir();
        Directory.CreateDirectory(root.Combine("fgvc_aircraft", "images"));
        var e = Assert.Throws<DatasetNotFoundException>(() => Datasets.Open("FGVCAircraft", root.Path));
        Assert.Equal(root.Combine("fgvc_aircraft", "variants.txt"), e.ExpectedPath);
    }

    [Fact]
    public void ImageNetAWithoutClassnames_SaysToCopyIt()
    {
        using var root = new TempDir();
        Directory.CreateDirectory(root.Combine("imagenet-adversarial", "imagenet-a"));
        var e = Assert.Throws<DatasetNotFoundException>(() => Datasets.Open("ImageNetA", root.Path));
        Assert.Equal(root.Combine("imagenet-adversarial", "classnames.txt"), e.ExpectedPath);
        Assert.Contains("classnames.txt", e.Remedy);
    }

    [Fact]
    public void MalformedSplitFile_NamesFileAndEntry()
    {
        using var root = new TempDir();
        DatasetTrees.EuroSat(root, 1, "Forest");
        root.WriteText("eurosat/split_zhou_EuroSAT.json", """{"train": [["Forest/Forest_1.jpg", "zero", "Forest"]], "val": [], "test": []}""");
        var e = Assert.Throws<DatasetFormatException>(() => Datasets.Open("EuroSAT", root.Path));
        Assert.EndsWith("split_zhou_EuroSAT.json", e.FilePath);
        Assert.Contains("\"train\"[0]", e.Message);
    }

    [Fact]
    public void TooFewImagesToSplit_NamesTheClassFolder()
    {
        using var root = new TempDir();
        DatasetTrees.EuroSat(root, 3, "Forest");
        var e = Assert.Throws<DatasetFormatException>(() => Datasets.Open("EuroSAT", root.Path));
        Assert.Equal(root.Combine("eurosat", "2750", "Forest"), e.FilePath);
    }

    [Fact]
    public void VerifyImageFiles_ReportsMissingImages()
    {
        using var root = new TempDir();
        DatasetTrees.EuroSat(root, 1, "Forest");
        root.WriteText("eurosat/split_zhou_EuroSAT.json", """{"train": [["Forest/Forest_1.jpg", 0, "Forest"]], "val": [], "test": [["Forest/gone.jpg", 0, "Forest"]]}""");
        Assert.NotNull(Datasets.Open("EuroSAT", root.Path));
        var e = Assert.Throws<DatasetNotFoundException>(() => Datasets.Open("EuroSAT", root.Path, new DatasetOptions { VerifyImageFiles = true }));
        Assert.Equal(root.Combine("eurosat", "2750", "Forest", "gone.jpg"), e.ExpectedPath);
    }

    [Fact]
    public void ConflictingClassNamesForOneLabel_AreRejected()
    {
        var e = Assert.Throws<DatasetFormatException>(() =>
            new ImageDataset("x", [new ImageItem("/a", 0, "cat"), new ImageItem("/b", 0, "dog")], [], []));
        Assert.Contains("label 0", e.Message);
    }
}
