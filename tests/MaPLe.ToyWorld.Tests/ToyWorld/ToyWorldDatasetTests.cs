using MaPLe.Data;
using MaPLe.ToyWorld;

namespace MaPLe.Tests.ToyWorld;

public class ToyWorldDatasetTests
{
    private static readonly ToyColorShape[] Classes =
    [
        new(ToyColor.Red, ToyShape.Triangle), new(ToyColor.Blue, ToyShape.Circle), new(ToyColor.Green, ToyShape.Star),
    ];

    private static ToyWorldDataset Create(IReadOnlyList<ToyColorShape>? classes = null, int seed = 3) => new(new ToyWorldDatasetOptions
    {
        Classes = classes ?? Classes, Seed = seed, TrainPerClass = 4, ValPerClass = 2, TestPerClass = 5,
        World = new ToyWorldOptions { ImageSize = 48 },
    });

    [Fact]
    public void Splits_HoldThePerClassCounts_WithLabelsAndNames()
    {
        IImageDataset ds = Create();
        Assert.Equal("ToyWorld", ds.Name);
        Assert.Equal(["red triangle", "blue circle", "green star"], ds.ClassNames);
        Assert.Equal(12, ds.Train.Count);
        Assert.Equal(6, ds.Val.Count);
        Assert.Equal(15, ds.Test.Count);
        foreach (var (split, perClass) in new[] { (ds.Train, 4), (ds.Val, 2), (ds.Test, 5) })
        {
            Assert.Equal([0, 1, 2], split.Select(i => i.Label).Distinct().Order());
            Assert.All(split.GroupBy(i => i.Label), g => Assert.Equal(perClass, g.Count()));
            Assert.All(split, i => Assert.Equal(ds.ClassNames[i.Label], i.ClassName));
        }

        Assert.Equal("toyworld://3/train/0", ds.Train[0].Path);
        Assert.Equal("toyworld://3/val/5", ds.Val[5].Path);
        Assert.Equal("toyworld://3/test/14", ds.Test[14].Path);
    }

    [Fact]
    public void Items_RenderTheirOwnClass_AtTheConfiguredSize()
    {
        var ds = Create();
        for (var k = 0; k < ds.Test.Count; k++)
        {
            var item = ds.Test[k];
            var scene = ds.GetScene(ToyDatasetSplit.Test, k);
            Assert.Equal(Classes[item.Label], scene.Combination);
            var image = item.Source!();
            Assert.Equal(48, image.Width);
            Assert.Equal(48, image.Height);
            // The class colour is visible: the smallest shape (a small star, ≈ 1.6 r², r ≥ 0.13 × 0.92 × 48 ≈ 5.7 px) covers
            // ≈ 50 px, about half of them well inside the outline.
            Assert.True(ToyPixels.Near(image, ToyPalette.Rgb(scene.Color)).Count >= 12, $"{item.Path}: {scene.ClassName} not visible");
            Assert.Equal(image.Pixels, item.Source!().Pixels);
        }
    }

    [Fact]
    public void SameSeed_SameImages_DifferentSeed_DifferentImages()
    {
        var a = Create();
        var b = Create();
        var c = Create(seed: 4);
        Assert.Equal(a.Train[3].Source!().Pixels, b.Train[3].Source!().Pixels);
        Assert.NotEqual(a.Train[3].Source!().Pixels, c.Train[3].Source!().Pixels);
    }

    [Fact]
    public void Splits_ShareNoImage()
    {
        var ds = Create();
        var seeds = new[] { ToyDatasetSplit.Train, ToyDatasetSplit.Val, ToyDatasetSplit.Test }
            .SelectMany(s => Enumerable.Range(0, s switch { ToyDatasetSplit.Train => 12, ToyDatasetSplit.Val => 6, _ => 15 })
                .Select(i => ds.GetScene(s, i).DetailSeed))
            .ToArray();
        Assert.Equal(seeds.Length, seeds.Distinct().Count());
    }

    [Fact]
    public void AddingClasses_LeavesExistingClassImagesUnchanged()
    {
        var small = Create();
        var large = Create([new(ToyColor.Purple, ToyShape.Heart), .. Classes]);
        // "red triangle" is label 0 in the small dataset, label 1 in the large one.
        Assert.Equal(small.GetScene(ToyDatasetSplit.Train, 2), large.GetScene(ToyDatasetSplit.Train, 4 + 2));
    }

    [Fact]
    public void BadOptions_AreReportedTogether()
    {
        var e = Assert.Throws<ArgumentException>(() => new ToyWorldDataset(new ToyWorldDatasetOptions
        {
            Classes = [Classes[0], Classes[0]], TrainPerClass = -1, World = new ToyWorldOptions { ImageSize = 4 },
        }));
        Assert.Contains("twice", e.Message);
        Assert.Contains("TrainPerClass", e.Message);
        Assert.Contains("ImageSize", e.Message);
    }
}
