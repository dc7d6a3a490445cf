using MaPLe.ToyWorld;

namespace MaPLe.Tests.ToyWorld;

public class ToySceneSamplerTests
{
    private static readonly ToyColorShape[] Holdout =
    [
        new(ToyColor.Red, ToyShape.Triangle), new(ToyColor.Blue, ToyShape.Circle), new(ToyColor.Yellow, ToyShape.Star),
    ];

    [Fact]
    public void Samples_AreIndexAddressable()
    {
        var a = new ToySceneSampler(42);
        var b = new ToySceneSampler(42);
        var forward = Enumerable.Range(0, 50).Select(i => a.Sample(i)).ToArray();
        var backward = Enumerable.Range(0, 50).Reverse().Select(i => b.Sample(i)).Reverse().ToArray();
        Assert.Equal(forward, backward);
        Assert.NotEqual(forward, Enumerable.Range(0, 50).Select(i => new ToySceneSampler(43).Sample(i)).ToArray());
    }

    [Fact]
    public void Stream_CoversEveryColourShapeSizePositionAndTexture_AndNeverAHeldOutPair()
    {
        var sampler = new ToySceneSampler(7, holdout: Holdout);
        var scenes = Enumerable.Range(0, 3000).Select(i => sampler.Sample(i)).ToArray();
        Assert.Equal(Enum.GetValues<ToyColor>().Order(), scenes.Select(s => s.Color).Distinct().Order());
        Assert.Equal(Enum.GetValues<ToyShape>().Order(), scenes.Select(s => s.Shape).Distinct().Order());
        Assert.Equal(Enum.GetValues<ToySize>().Order(), scenes.Select(s => s.Size).Distinct().Order());
        Assert.Equal(Enum.GetValues<ToyPosition>().Order(), scenes.Select(s => s.Position).Distinct().Order());
        Assert.Equal(Enum.GetValues<ToyTexture>().Order(), scenes.Select(s => s.Texture).Distinct().Order());
        Assert.DoesNotContain(scenes, s => Holdout.Contains(s.Combination));
        // Each held-out colour and shape still appears with other partners.
        foreach (var h in Holdout)
        {
            Assert.Contains(scenes, s => s.Color == h.Color);
            Assert.Contains(scenes, s => s.Shape == h.Shape);
        }

        // 117 allowed pairs, 3000 draws: every allowed pair shows up (expected ≈ 26 each).
        Assert.Equal(12 * 10 - 3, scenes.Select(s => s.Combination).Distinct().Count());
    }

    [Fact]
    public void Backgrounds_AlwaysContrastWithTheShape()
    {
        var sampler = new ToySceneSampler(3);
        for (var i = 0; i < 2000; i++)
        {
            var s = sampler.Sample(i);
            Assert.NotEqual(s.Color, s.BackgroundColor);
            Assert.True(ToyPalette.Contrasts(s.Color, s.BackgroundColor), $"{s.ClassName} on {s.BackgroundColor}");
        }
    }

    [Fact]
    public void Only_RestrictsTheCombinations()
    {
        ToyColorShape[] only = [new(ToyColor.Green, ToyShape.Heart), new(ToyColor.Pink, ToyShape.Cross), new(ToyColor.Red, ToyShape.Triangle)];
        var sampler = new ToySceneSampler(1, only: only, holdout: Holdout);
        Assert.Equal(2, sampler.Combinations.Count);
        var seen = Enumerable.Range(0, 200).Select(i => sampler.Sample(i).Combination).Distinct().ToHashSet();
        Assert.True(seen.SetEquals(only.Take(2)));
    }

    [Fact]
    public void Sample_WithAFixedCombination_KeepsIt_AndRefusesHeldOutOnes()
    {
        var sampler = new ToySceneSampler(1, holdout: Holdout);
        var combo = new ToyColorShape(ToyColor.Cyan, ToyShape.Hexagon);
        Assert.All(Enumerable.Range(0, 20), i => Assert.Equal(combo, sampler.Sample(i, combo).Combination));
        Assert.Throws<ArgumentException>(() => sampler.Sample(0, Holdout[0]));
    }

    [Fact]
    public void HoldingOutEverything_Throws()
    {
        var options = new ToyWorldOptions { Colors = [ToyColor.Red], Shapes = [ToyShape.Triangle] };
        var e = Assert.Throws<ArgumentException>(() => new ToySceneSampler(1, options, holdout: [new(ToyColor.Red, ToyShape.Triangle)]));
        Assert.Contains("holdout", e.Message);
    }

    [Fact]
    public void BackgroundsThatCannotContrast_AreReportedUpFront()
    {
        var options = new ToyWorldOptions { Colors = [ToyColor.Red], BackgroundColors = [ToyColor.Red, ToyColor.Orange] };
        var e = Assert.Throws<ArgumentException>(() => new ToySceneSampler(1, options));
        Assert.Contains("BackgroundColors", e.Message);
    }

    [Fact]
    public void Jitters_StayWithinTheirOptions()
    {
        var options = new ToyWorldOptions { MaxRotationDegrees = 10, PositionJitter = 0.02, ScaleJitter = 0.05, MaxDistractors = 3 };
        var sampler = new ToySceneSampler(2, options);
        var scenes = Enumerable.Range(0, 500).Select(i => sampler.Sample(i)).ToArray();
        Assert.All(scenes, s =>
        {
            Assert.InRange(s.RotationDegrees, -10f, 10f);
            Assert.InRange(s.OffsetX, -0.02f, 0.02f);
            Assert.InRange(s.OffsetY, -0.02f, 0.02f);
            Assert.InRange(s.Scale, 0.95f, 1.05f);
            Assert.InRange(s.DistractorCount, 0, 3);
        });
        Assert.Equal([0, 1, 2, 3], scenes.Select(s => s.DistractorCount).Distinct().Order());
    }
}
