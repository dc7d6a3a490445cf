using MaPLe.Data;

namespace MaPLe.Tests.Data;

/// <summary>Each benchmark reader against a miniature tree in the upstream layout; expectations worked out by hand from upstream's rules.</summary>
public class BenchmarkReaderTests
{
    private static string Rel(TempDir root, ImageItem item) => Path.GetRelativePath(root.Path, item.Path).Replace('\\', '/');

    [Fact]
    public void ImageNet_LabelsFollowSortedWnids_ValIsTest()
    {
        using var root = new TempDir();
        DatasetTrees.ImageNet(root);
        var ds = Datasets.Open("ImageNet", root.Path);
        Assert.Equal(["tench", "goldfish", "great white shark"], ds.ClassNames);
        Assert.Equal(9, ds.Train.Count); // the hidden file is not listed
        Assert.Equal(6, ds.Test.Count);
        Assert.Same(ds.Test, ds.Val);
        Assert.All(ds.Train.Where(i => i.Path.Contains("/n01/")), i => Assert.Equal(0, i.Label));
        Assert.All(ds.Test.Where(i => i.Path.Contains("/n03/")), i => Assert.Equal((2, "great white shark"), (i.Label, i.ClassName)));
    }

    [Fact]
    public void ImageNet_FewShotSamplesTrainOnly_BaseKeepsFirstHalf()
    {
        using var root = new TempDir();
        DatasetTrees.ImageNet(root);
        var ds = Datasets.Open("imagenet", root.Path, new DatasetOptions { NumShots = 2, Seed = 1, Subsample = ClassSubset.Base });
        Assert.Equal(["tench", "goldfish"], ds.ClassNames);
        Assert.Equal(4, ds.Train.Count);
        Assert.Equal(4, ds.Test.Count); // the whole val set of the 2 base classes, not sampled
        Assert.Same(ds.Test, ds.Val);
        Assert.True(File.Exists(root.Combine("imagenet", "split_fewshot", "shot_2-seed_1.json")));

        var novel = Datasets.Open("ImageNet", root.Path, new DatasetOptions { NumShots = 2, Seed = 1, Subsample = ClassSubset.Novel });
        Assert.Equal(["great white shark"], novel.ClassNames);
        Assert.All(novel.Test, i => Assert.Equal(0, i.Label));
    }

    [Fact]
    public void FgvcAircraft_LabelsFollowVariantsTxt()
    {
        using var root = new TempDir();
        DatasetTrees.FgvcAircraft(root);
        var ds = Datasets.Open("FGVCAircraft", root.Path);
        Assert.Equal(["707-320", "Boeing 717", "Cessna 172"], ds.ClassNames);
        Assert.Equal((4, 2, 3), (ds.Train.Count, ds.Val.Count, ds.Test.Count));
        var item = Assert.Single(ds.Test, i => i.Path.EndsWith("1000008.jpg", StringComparison.Ordinal));
        Assert.Equal("fgvc_aircraft/images/1000008.jpg", Rel(root, item));
        Assert.Equal(0, item.Label);
    }

    [Fact]
    public void EuroSat_WithoutSplit_CreatesUpstreamRandomSplitAndSavesIt()
    {
        using var root = new TempDir();
        DatasetTrees.EuroSat(root);
        var ds = Datasets.Open("EuroSAT", root.Path, new DatasetOptions { Seed = 1 });
        Assert.Equal(["Annual Crop Land", "Forest", "Sea or Lake"], ds.ClassNames);
        Assert.Equal((15, 6, 9), (ds.Train.Count, ds.Val.Count, ds.Test.Count));
        // CPython: random.seed(1); per sorted class: sorted files, random.shuffle, 5 train / 2 val / 3 test.
        Assert.Equal(["AnnualCrop_3.jpg", "AnnualCrop_1.jpg", "Forest_9.jpg", "Forest_1.jpg", "SeaLake_1.jpg", "SeaLake_2.jpg"],
            ds.Val.Select(i => Path.GetFileName(i.Path)));

        var splitFile = root.Combine("eurosat", "split_zhou_EuroSAT.json");
        Assert.True(File.Exists(splitFile));
        var text = File.ReadAllText(splitFile);
        Assert.Contains("\"AnnualCrop/AnnualCrop_3.jpg\"", text);
        Assert.Contains("\"Annual Crop Land\"", text);

        var again = Datasets.Open("eurosat", root.Path, new DatasetOptions { Seed = 99 }); // reads the saved split
        Assert.Equal(ds.Val.Select(i => i.Path), again.Val.Select(i => i.Path));
        Assert.Equal(ds.Train.Select(i => (i.Path, i.Label, i.ClassName)), again.Train.Select(i => (i.Path, i.Label, i.ClassName)));
    }

    [Fact]
    public void EuroSat_ReadsGivenSplitFileRelativeToImageFolder()
    {
        using var root = new TempDir();
        DatasetTrees.EuroSat(root, 1, "Forest", "River");
        root.WriteText("eurosat/split_zhou_EuroSAT.json",
            """{"train": [["Forest/Forest_1.jpg", 0, "Forest"]], "val": [], "test": [["River/River_1.jpg", 1, "River"]]}""");
        var ds = Datasets.Open("EUROSAT", root.Path);
        Assert.Equal("eurosat/2750/Forest/Forest_1.jpg", Rel(root, ds.Train[0]));
        Assert.Equal(["Forest", "River"], ds.ClassNames);
        Assert.Empty(ds.Val);
    }

    [Fact]
    public void StanfordCars_SplitPathsAreRelativeToDatasetFolder()
    {
        using var root = new TempDir();
        root.WriteText("stanford_cars/split_zhou_StanfordCars.json",
            """{"train": [["cars_train/00001.jpg", 0, "2012 Audi S4 Sedan"]], "val": [], "test": [["cars_test/00001.jpg", 0, "2012 Audi S4 Sedan"]]}""");
        var ds = Datasets.Open("StanfordCars", root.Path);
        Assert.Equal("stanford_cars/cars_train/00001.jpg", Rel(root, ds.Train[0]));
        Assert.Equal("2012 Audi S4 Sedan", ClassNameRules.CarYearFirst("Audi S4 Sedan 2012"));
    }

    [Fact]
    public void Caltech101_IgnoresAndRenamesLikeUpstream()
    {
        using var root = new TempDir();
        DatasetTrees.Caltech101(root);
        var ds = Datasets.Open("Caltech101", root.Path);
        // Ordinal sort puts capitals first: Faces, Leopards, airplanes, butterfly.
        Assert.Equal(["face", "leopard", "airplane", "butterfly"], ds.ClassNames);
        Assert.Equal((8, 4, 4), (ds.Train.Count, ds.Val.Count, ds.Test.Count)); // 4 images: round(2)/round(0.8)/rest
        Assert.DoesNotContain(ds.Train.Concat(ds.Test), i => i.Path.Contains("BACKGROUND_Google") || i.Path.Contains("Faces_easy"));
    }

    [Fact]
    public void OxfordPets_BreedNamesAndTrainValSplit()
    {
        using var root = new TempDir();
        DatasetTrees.OxfordPets(root);
        var ds = Datasets.Open("OxfordPets", root.Path, new DatasetOptions { Seed = 1 });
        Assert.Equal(["abyssinian", "american_bulldog", "egyptian_mau"], ds.ClassNames);
        Assert.Equal(["abyssinian", "american bulldog", "egyptian mau"], ds.PromptClassNames());
        Assert.Equal((12, 3, 6), (ds.Train.Count, ds.Val.Count, ds.Test.Count));
        // CPython: random.seed(1); split_trainval over labels 0..2 with 5 items each -> val picks items 3, 1, 3.
        Assert.Equal(["Abyssinian_3.jpg", "american_bulldog_1.jpg", "Egyptian_Mau_3.jpg"], ds.Val.Select(i => Path.GetFileName(i.Path)));
    }

    [Fact]
    public void Sun397_ClassNamesFromReversedFolderParts()
    {
        using var root = new TempDir();
        DatasetTrees.Sun397(root);
        var ds = Datasets.Open("SUN397", root.Path);
        Assert.Equal(["abbey", "outdoor church", "shop bakery"], ds.ClassNames);
        Assert.Equal((12, 3, 6), (ds.Train.Count, ds.Val.Count, ds.Test.Count));
        Assert.Contains(ds.Test, i => Rel(root, i) == "sun397/SUN397/c/church/outdoor/sun_6.jpg" && i.Label == 1);
    }

    [Fact]
    public void Ucf101_CamelCaseSplitAndMidFramePaths()
    {
        using var root = new TempDir();
        DatasetTrees.Ucf101(root);
        var ds = Datasets.Open("UCF101", root.Path);
        Assert.Equal(["Apply_Eye_Makeup", "Playing_Daf", "Yo_Yo"], ds.ClassNames);
        Assert.Equal(["Apply Eye Makeup", "Playing Daf", "Yo Yo"], ds.PromptClassNames());
        Assert.Equal((12, 3, 6), (ds.Train.Count, ds.Val.Count, ds.Test.Count));
        Assert.Contains(ds.Test, i => Rel(root, i) == "ucf101/UCF-101-midframes/Yo_Yo/v_YoYo_g06_c01.jpg" && i.Label == 2);
        Assert.All(ds.Train.Concat(ds.Val).Concat(ds.Test), i => Assert.True(File.Exists(i.Path), i.Path));
    }

    [Fact]
    public void ImageNetA_TestOnly_ItsOwnClassesRelabelled()
    {
        using var root = new TempDir();
        DatasetTrees.ImageNetA(root);
        var ds = Datasets.Open("imagenet_a", root.Path, new DatasetOptions { NumShots = 16 });
        Assert.Equal(["goldfish", "tiger shark", "hammerhead"], ds.ClassNames);
        Assert.Empty(ds.Train);
        Assert.Equal(6, ds.Test.Count);
        Assert.Equal([0, 0, 1, 1, 2, 2], ds.Test.Select(i => i.Label));
    }

    [Fact]
    public void ImageNetA_BaseSubsetChosenFromTestClasses()
    {
        using var root = new TempDir();
        DatasetTrees.ImageNetA(root);
        var ds = Datasets.Open("ImageNetA", root.Path, new DatasetOptions { Subsample = ClassSubset.Base });
        Assert.Equal(["goldfish", "tiger shark"], ds.ClassNames);
        Assert.Equal(4, ds.Test.Count);
    }

    [Fact]
    public void ImageNetV2_NumberedFoldersFollowClassnamesOrder()
    {
        using var root = new TempDir();
        DatasetTrees.ImageNetV2(root);
        var ds = Datasets.Open("ImageNetV2", root.Path);
        Assert.Equal(["tench", "goldfish", "great white shark"], ds.ClassNames);
        Assert.Equal([0, 1, 1, 2, 2, 2], ds.Test.Select(i => i.Label));
    }

    [Theory]
    [InlineData("DTD", "DescribableTextures")]
    [InlineData("Flowers102", "OxfordFlowers")]
    [InlineData("oxford_flowers", "OxfordFlowers")]
    [InlineData("imagenet-sketch", "ImageNetSketch")]
    [InlineData("ImageNet_R", "ImageNetR")]
    [InlineData("fgvc_aircraft", "FGVCAircraft")]
    [InlineData("sun397", "SUN397")]
    public void GetReader_AcceptsConfigScriptAndFolderNames(string name, string expected) =>
        Assert.Equal(expected, Datasets.GetReader(name).Name);

    [Fact]
    public void Names_ListTheFifteenBenchmarks()
    {
        Assert.Equal(15, Datasets.Names.Count);
        var e = Assert.Throws<ArgumentException>(() => Datasets.GetReader("CIFAR10"));
        Assert.Contains("EuroSAT", e.Message);
    }
}
