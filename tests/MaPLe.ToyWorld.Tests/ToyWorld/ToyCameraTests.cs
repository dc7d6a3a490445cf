using MaPLe.ToyWorld;

namespace MaPLe.Tests.ToyWorld;

public sealed class ToyCameraTests
{
    [Fact]
    public void NeutralCameraLeavesPixelsUnchanged()
    {
        byte[] px = [200, 10, 30, 0, 255, 128];
        ToyCamera.Neutral.Apply(px);
        Assert.Equal([200, 10, 30, 0, 255, 128], px);
    }

    [Fact]
    public void ZeroSaturationGivesRec601Grey()
    {
        byte[] px = [200, 10, 30];
        new ToyCamera(0, 0).Apply(px);
        byte grey = (byte)Math.Round(0.299 * 200 + 0.587 * 10 + 0.114 * 30);   // 69
        Assert.Equal([grey, grey, grey], px);
    }

    [Fact]
    public void HueRotationMovesRedTowardsGreenAndKeepsGrey()
    {
        byte[] red = [220, 20, 20];
        new ToyCamera(120, 1).Apply(red);
        Assert.True(red[1] > red[0] && red[1] > red[2], $"rotated red is {red[0]},{red[1]},{red[2]}");
        byte[] grey = [90, 90, 90];
        new ToyCamera(120, 1).Apply(grey);
        Assert.Equal([90, 90, 90], grey);
    }

    [Fact]
    public void ShiftedCameraChangesRenderedImagesDeterministically()
    {
        var scene = new ToySceneSampler(3).Sample(0);
        var neutral = ToyRenderer.RenderCached(scene, new ToyWorldOptions());
        var a = ToyRenderer.RenderCached(scene, new ToyWorldOptions { Camera = ToyCamera.Shifted });
        var b = ToyRenderer.RenderCached(scene, new ToyWorldOptions { Camera = ToyCamera.Shifted });
        Assert.Equal(a.Pixels, b.Pixels);
        Assert.NotEqual(neutral.Pixels, a.Pixels);
    }

    [Fact]
    public void OutOfRangeValuesAreReportedByName()
    {
        var e = Assert.Throws<ArgumentException>(() => new ToyWorldOptions { Camera = new ToyCamera(500, 3) }.Validate());
        Assert.Contains("HueShiftDegrees", e.Message);
        Assert.Contains("Saturation", e.Message);
    }
}
