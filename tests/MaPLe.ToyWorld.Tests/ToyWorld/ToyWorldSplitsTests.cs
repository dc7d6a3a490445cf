using MaPLe.ToyWorld;

namespace MaPLe.Tests.ToyWorld;

public class ToyWorldSplitsTests
{
    [Fact]
    public void Default_HasTenBaseAndTenNovel_Disjoint_NovelIsTheHoldout()
    {
        var split = ToyWorldSplits.CreateDefault(1);
        Assert.Equal(10, split.BaseClasses.Count);
        Assert.Equal(10, split.NovelClasses.Count);
        Assert.Empty(split.BaseClasses.Intersect(split.NovelClasses));
        Assert.Equal(split.NovelClasses, split.Holdout);
        Assert.Equal([.. split.BaseClasses, .. split.NovelClasses], split.AllClasses);
        Assert.All(split.NovelClasses, c => Assert.True(split.IsNovel(c)));
        Assert.All(split.BaseClasses, c => Assert.False(split.IsNovel(c)));
        // Balanced: 10 novel classes over 12 colours and 10 shapes use no colour or shape twice.
        Assert.Equal(10, split.NovelClasses.Select(c => c.Color).Distinct().Count());
        Assert.Equal(10, split.NovelClasses.Select(c => c.Shape).Distinct().Count());
    }

    [Fact]
    public void SameSeed_SameSplit_OtherSeeds_Differ()
    {
        Assert.Equal(ToyWorldSplits.CreateDefault(5).AllClasses, ToyWorldSplits.CreateDefault(5).AllClasses);
        var distinct = Enumerable.Range(0, 5).Select(s => string.Join(",", ToyWorldSplits.CreateDefault(s).NovelClasses)).Distinct();
        Assert.True(distinct.Count() > 1);
    }

    [Fact]
    public void PretrainingWithoutTheHoldout_SeesEveryNovelColourAndShape_ButNeverANovelPair()
    {
        var split = ToyWorldSplits.CreateDefault(2);
        var corpus = new ToyCaptionCorpus(2, 3000, holdout: split.Holdout);
        var scenes = Enumerable.Range(0, corpus.Count).Select(corpus.GetScene).ToArray();
        Assert.DoesNotContain(scenes, s => split.IsNovel(s.Combination));
        foreach (var novel in split.NovelClasses)
        {
            Assert.Contains(scenes, s => s.Color == novel.Color);
            Assert.Contains(scenes, s => s.Shape == novel.Shape);
        }

        Assert.All(split.BaseClasses, b => Assert.Contains(scenes, s => s.Combination == b));
    }

    [Fact]
    public void LargeSplits_StillLeaveEveryWordAPartner()
    {
        var world = new ToyWorldOptions { Colors = [ToyColor.Red, ToyColor.Green, ToyColor.Blue], Shapes = [ToyShape.Circle, ToyShape.Square, ToyShape.Star] };
        var split = ToyWorldSplits.Create(9, baseCount: 5, novelCount: 4, world);
        var seen = ToyColorShape.All(world.Colors, world.Shapes).Except(split.Holdout).ToArray();
        Assert.All(world.Colors, c => Assert.Contains(seen, s => s.Color == c));
        Assert.All(world.Shapes, c => Assert.Contains(seen, s => s.Shape == c));
        Assert.Throws<ArgumentException>(() => ToyWorldSplits.Create(9, baseCount: 1, novelCount: 5, world));
    }
}
