using MaPLe.Data;
using MaPLe.Data.Sampling;

namespace MaPLe.Tests.Data;

public class CustomSourceTests
{
    [Fact]
    public void ImageFolder_WithSplitFolders_SortedClassesAndImageFilesOnly()
    {
        using var root = new TempDir();
        foreach (var split in new[] { "train", "test" })
            foreach (var c in new[] { "zebra", "Ant", "cat" })
                for (int i = 0; i < 2; i++)
                    TestImages.Write(root.Combine("data", split, c, $"{i}.png"), i);
        root.WriteText("data/train/cat/notes.txt", "not an image");
        var ds = Datasets.FromImageFolder("Mine", root.Combine("data"));
        Assert.Equal(["Ant", "cat", "zebra"], ds.ClassNames);
        Assert.Equal(6, ds.Train.Count);
        Assert.Equal(6, ds.Test.Count);
        Assert.Empty(ds.Val);
    }

    [Fact]
    public void ImageFolder_SingleTree_IsSplitPerClass()
    {
        using var root = new TempDir();
        foreach (var c in new[] { "a", "b" })
            for (int i = 0; i < 10; i++)
                TestImages.Write(root.Combine("tree", c, $"{i}.jpg"), i);
        var ds = Datasets.FromImageFolder("Tree", root.Combine("tree"), new DatasetOptions { Seed = 4 });
        Assert.Equal((10, 4, 6), (ds.Train.Count, ds.Val.Count, ds.Test.Count));
    }

    [Fact]
    public void CsvAndJsonLists_ReadPathLabelClassname()
    {
        using var root = new TempDir();
        root.WriteText("lists/train.csv", "path,label,classname\nimg/a.jpg,0,red apple\n\"img/b,1.jpg\",1,\"pear, green\"\n");
        root.WriteText("lists/test.json", """[["img/c.jpg", 0, "red apple"], {"path": "img/d.jpg", "label": 1, "classname": "pear, green"}]""");
        var ds = Datasets.FromLists("Fruit", root.Combine("lists", "train.csv"), null, root.Combine("lists", "test.json"));
        Assert.Equal(["red apple", "pear, green"], ds.ClassNames);
        Assert.Equal(root.Combine("lists", "img", "b,1.jpg"), ds.Train[1].Path);
        Assert.Equal(root.Combine("lists", "img", "d.jpg"), ds.Test[1].Path);
    }

    [Fact]
    public void CsvWithoutClassnames_UsesGivenNamesOrFailsClearly()
    {
        using var root = new TempDir();
        root.WriteText("l/train.csv", "x.jpg,0\ny.jpg,1\n");
        var ds = Datasets.FromLists("N", root.Combine("l", "train.csv"), null, root.Combine("l", "train.csv"), classNames: ["first", "second"]);
        Assert.Equal(["first", "second"], ds.ClassNames);
        var e = Assert.Throws<DatasetFormatException>(() => Datasets.FromLists("N", root.Combine("l", "train.csv"), null, root.Combine("l", "train.csv")));
        Assert.Contains("line 1", e.Message);
    }

    [Fact]
    public void FewShotCache_IsWrittenThenReadBack()
    {
        using var root = new TempDir();
        DatasetTrees.EuroSat(root, 10);
        var options = new DatasetOptions { NumShots = 2, Seed = 3 };
        var first = Datasets.Open("EuroSAT", root.Path, options);
        Assert.Equal(6, first.Train.Count);
        Assert.Equal(6, first.Val.Count); // min(2, 4) per class
        var file = root.Combine("eurosat", "split_fewshot", "shot_2-seed_3.json");
        Assert.True(File.Exists(file));

        // Replace the cached lists: a second open must use the file, not sample again.
        var custom = new FewShotSplit(2, 3, [first.Train[5], first.Train[0]], [first.Val[0]]);
        FewShotSplitFile.Write(file, custom, root.Combine("eurosat"), "EuroSAT");
        var second = Datasets.Open("EuroSAT", root.Path, options);
        Assert.Equal([first.Train[5].Path, first.Train[0].Path], second.Train.Select(i => i.Path));

        // Without the cache, a run that reads the saved split draws from a generator fresh at the seed (the first run
        // continued the stream that created the split, as upstream's does: UpstreamListsTests).
        var fresh = Datasets.Open("EuroSAT", root.Path, options with { CacheFewShot = false });
        var split = Datasets.Open("EuroSAT", root.Path, options with { NumShots = -1 });
        var expected = FewShotSampler.SampleTrainAndVal(split.Train, split.Val, shots: 2, seed: 3);
        Assert.Equal(expected.Train.Select(i => i.Path), fresh.Train.Select(i => i.Path));
        var otherSeed = Datasets.Open("EuroSAT", root.Path, options with { Seed = 4, CacheFewShot = false });
        Assert.NotEqual(first.Train.Select(i => i.Path), otherSeed.Train.Select(i => i.Path));
    }

    [Fact]
    public void SplitFile_WriteThenRead_RoundTrips()
    {
        using var root = new TempDir();
        var items = new List<ImageItem> { new(root.Combine("img", "a", "1.jpg"), 0, "a"), new(root.Combine("img", "b", "2.jpg"), 1, "b_b") };
        var file = root.Combine("split_zhou_Mine.json");
        ZhouSplitFile.Write(file, new DatasetSplits(items, [], items), root.Combine("img"));
        var back = ZhouSplitFile.Read(file, root.Combine("img"));
        Assert.Equal(items, back.Train);
        Assert.Equal(items, back.Test);
        var ds = Datasets.FromSplitFile("Mine", file, root.Combine("img"), new DatasetOptions { Subsample = ClassSubset.Novel });
        Assert.Equal(["b_b"], ds.ClassNames);
    }
}
