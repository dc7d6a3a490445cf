using MaPLe.Data;
using MaPLe.Data.Sampling;

namespace MaPLe.Tests.Data;

public class FewShotSamplerTests
{
    /// <summary>60 items, item i has label (7·i) mod 5, so labels first appear in the order 0, 2, 4, 1, 3.</summary>
    private static List<ImageItem> Items(int count = 60) =>
        Enumerable.Range(0, count).Select(i => new ImageItem($"/data/{i}.jpg", i * 7 % 5, $"c{i * 7 % 5}")).ToList();

    private static int[] Ids(IEnumerable<ImageItem> items) =>
        items.Select(i => int.Parse(Path.GetFileNameWithoutExtension(i.Path))).ToArray();

    [Fact]
    public void SampleTrainAndVal_ReproducesUpstreamGenerateFewshotDataset()
    {
        // CPython: random.seed(2); train = generate_fewshot_dataset(items, 5); val = generate_fewshot_dataset(items[:23], 4)
        // with Dassl's algorithm (defaultdict by label, random.sample per group) on the same items.
        var items = Items();
        var split = FewShotSampler.SampleTrainAndVal(items, items.Take(23).ToList(), shots: 5, seed: 2);
        Assert.Equal([0, 5, 50, 25, 10, 56, 51, 21, 46, 16, 47, 2, 57, 12, 32, 53, 33, 43, 28, 38, 44, 24, 4, 49, 29], Ids(split.Train));
        Assert.Equal([15, 10, 5, 20, 21, 6, 11, 1, 7, 22, 2, 12, 13, 3, 18, 8, 9, 19, 14, 4], Ids(split.Val));
    }

    [Fact]
    public void Sample_GroupsInOrderOfFirstAppearance_KShotsEach()
    {
        var sampled = FewShotSampler.Sample(Items(), 3, new PythonRandom(1));
        Assert.Equal(15, sampled.Count);
        Assert.Equal([0, 0, 0, 2, 2, 2, 4, 4, 4, 1, 1, 1, 3, 3, 3], sampled.Select(i => i.Label).ToArray());
        Assert.Equal(15, sampled.Select(i => i.Path).Distinct().Count());
    }

    [Fact]
    public void Sample_ClassWithFewerThanK_KeepsAllItsItems()
    {
        var items = Items(60).Concat([new ImageItem("/data/rare.jpg", 9, "rare")]).ToList();
        var sampled = FewShotSampler.Sample(items, 4, new PythonRandom(1));
        Assert.Single(sampled, i => i.Label == 9);
        Assert.Equal(5 * 4 + 1, sampled.Count);
    }

    [Fact]
    public void Sample_SameSeedSameList_DifferentSeedDifferentList()
    {
        var items = Items();
        var a = FewShotSampler.SampleTrainAndVal(items, items, 4, seed: 1);
        var b = FewShotSampler.SampleTrainAndVal(items, items, 4, seed: 1);
        var c = FewShotSampler.SampleTrainAndVal(items, items, 4, seed: 2);
        Assert.Equal(Ids(a.Train), Ids(b.Train));
        Assert.Equal(Ids(a.Val), Ids(b.Val));
        Assert.NotEqual(Ids(a.Train), Ids(c.Train));
    }

    [Fact]
    public void SampleTrainAndVal_ValidationUsesMinOfKAnd4()
    {
        var items = Items();
        var split = FewShotSampler.SampleTrainAndVal(items, items, 8, seed: 1);
        Assert.Equal(40, split.Train.Count);
        Assert.Equal(20, split.Val.Count);
    }

    [Fact]
    public void FewShotSplitFile_RoundTripsWithRelativePaths()
    {
        using var dir = new TempDir();
        var items = Enumerable.Range(0, 6).Select(i => new ImageItem(dir.Combine("images", $"c{i % 2}", $"{i}.jpg"), i % 2, $"class_{i % 2}")).ToList();
        var split = new FewShotSplit(2, 3, items.Take(4).ToList(), items.Skip(4).ToList());
        var file = dir.Combine("split_fewshot", FewShotSplitFile.FileName(2, 3));
        FewShotSplitFile.Write(file, split, dir.Path, "Test");

        Assert.Equal("shot_2-seed_3.json", Path.GetFileName(file));
        Assert.Contains("\"images/c0/0.jpg\"", File.ReadAllText(file));
        Assert.Empty(Directory.GetFiles(dir.Combine("split_fewshot"), "*.tmp"));

        using var moved = new TempDir(); // another machine: same relative layout under a different root
        var back = FewShotSplitFile.Read(file, moved.Path, "Test");
        Assert.Equal(2, back.Shots);
        Assert.Equal(3, back.Seed);
        Assert.Equal(split.Train.Select(i => Path.GetRelativePath(dir.Path, i.Path)), back.Train.Select(i => Path.GetRelativePath(moved.Path, i.Path)));
        Assert.Equal(split.Val.Select(i => (i.Label, i.ClassName)), back.Val.Select(i => (i.Label, i.ClassName)));
    }
}
