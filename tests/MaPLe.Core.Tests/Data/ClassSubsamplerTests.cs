using MaPLe.Data;
using MaPLe.Data.Sampling;

namespace MaPLe.Tests.Data;

public class ClassSubsamplerTests
{
    private static List<ImageItem> Items(int classes, int perClass = 2) =>
        Enumerable.Range(0, classes * perClass).Select(i => new ImageItem($"/d/{i}.jpg", i % classes, $"class{i % classes}")).ToList();

    [Theory]
    [InlineData(37, 19, 18)]   // OxfordPets
    [InlineData(397, 199, 198)] // SUN397
    [InlineData(101, 51, 50)]  // Food101, UCF101
    [InlineData(100, 50, 50)]  // Caltech101, FGVCAircraft
    [InlineData(47, 24, 23)]   // DTD
    [InlineData(10, 5, 5)]     // EuroSAT
    [InlineData(1, 1, 0)]
    public void BaseAndNovel_SplitCeilHalf(int classes, int expectedBase, int expectedNovel)
    {
        var items = Items(classes);
        Assert.Equal(expectedBase, ClassSubsampler.SelectLabels(items, ClassSubset.Base).Count);
        Assert.Equal(expectedNovel, ClassSubsampler.SelectLabels(items, ClassSubset.Novel).Count);
    }

    [Fact]
    public void Apply_RelabelsInSortedOrderAndFiltersEverySet()
    {
        // Labels 3, 8, 10, 20, 21 (sorted): base = {3, 8, 10} -> 0, 1, 2; novel = {20, 21} -> 0, 1.
        int[] labels = [20, 3, 10, 21, 8];
        var train = labels.Select(l => new ImageItem($"/t/{l}.jpg", l, $"n{l}")).ToList();
        var test = labels.Concat([3, 21]).Select((l, i) => new ImageItem($"/s/{i}.jpg", l, $"n{l}")).ToList();
        var val = new List<ImageItem> { new("/v/0.jpg", 8, "n8"), new("/v/1.jpg", 20, "n20") };

        var b = ClassSubsampler.Apply(ClassSubset.Base, train, val, test);
        Assert.Equal([(0, "n3"), (2, "n10"), (1, "n8")], b[0].Select(i => (i.Label, i.ClassName)).ToArray());
        Assert.Equal([(1, "n8")], b[1].Select(i => (i.Label, i.ClassName)).ToArray());
        Assert.Equal(4, b[2].Count);
        Assert.Equal(["n3", "n8", "n10"], new ImageDataset("x", b[0], b[1], b[2]).ClassNames);

        var n = ClassSubsampler.Apply(ClassSubset.Novel, train, val, test);
        Assert.Equal([(0, "n20"), (1, "n21")], n[0].Select(i => (i.Label, i.ClassName)).ToArray());
        Assert.Equal([(0, "n20")], n[1].Select(i => (i.Label, i.ClassName)).ToArray());
        Assert.Equal(["n20", "n21"], new ImageDataset("x", n[0], n[1], n[2]).ClassNames);
    }

    [Fact]
    public void Apply_LabelsComeFromTheFirstSetOnly()
    {
        var train = new List<ImageItem> { new("/a", 0, "a"), new("/b", 1, "b") };
        var test = new List<ImageItem> { new("/c", 0, "a"), new("/d", 1, "b"), new("/e", 2, "c") };
        var sets = ClassSubsampler.Apply(ClassSubset.Novel, train, test);
        Assert.Equal(["/d"], sets[1].Select(i => i.Path));
        Assert.Equal(0, sets[1][0].Label);
    }

    [Fact]
    public void All_ReturnsTheSetsUnchanged()
    {
        var train = Items(5);
        var sets = ClassSubsampler.Apply(ClassSubset.All, train);
        Assert.Same(train, sets[0]);
    }

    [Theory]
    [InlineData("all", ClassSubset.All)]
    [InlineData("BASE", ClassSubset.Base)]
    [InlineData("new", ClassSubset.Novel)]
    [InlineData("novel", ClassSubset.Novel)]
    public void Parse_AcceptsUpstreamNames(string text, ClassSubset expected) => Assert.Equal(expected, ClassSubsets.Parse(text));
}
