using MaPLe.ToyWorld;

namespace MaPLe.Tests.ToyWorld;

public class ToyRendererTests
{
    private static ToyScene Scene(ToyShape shape, ToyColor color = ToyColor.Red, ToyPosition position = ToyPosition.Center,
        ToySize size = ToySize.Large, ToyColor background = ToyColor.White, ToyTexture texture = ToyTexture.Plain) =>
        new(color, shape, size, position, background, texture);

    [Fact]
    public void SameScene_GivesIdenticalBytes_AcrossRenderersAndTheThreadCache()
    {
        var options = new ToyWorldOptions();
        var sampler = new ToySceneSampler(11, options);
        using var a = new ToyRenderer(options);
        using var b = new ToyRenderer(options);
        for (var i = 0; i < 40; i++)
        {
            var scene = sampler.Sample(i);
            var first = a.Render(scene).Pixels;
            Assert.Equal(first, b.Render(scene).Pixels);
            Assert.Equal(first, a.Render(scene).Pixels); // re-rendering on a reused canvas
            Assert.Equal(first, ToyRenderer.RenderCached(scene, options).Pixels);
        }
    }

    [Fact]
    public void RenderingOnManyThreads_MatchesSerialRendering()
    {
        var options = new ToyWorldOptions();
        var sampler = new ToySceneSampler(5, options);
        using var serial = new ToyRenderer(options);
        var expected = Enumerable.Range(0, 64).Select(i => serial.Render(sampler.Sample(i)).Pixels).ToArray();
        var parallel = new byte[64][];
        Parallel.For(0, 64, i => parallel[i] = ToyRenderer.RenderCached(sampler.Sample(i), options).Pixels);
        for (var i = 0; i < 64; i++)
            Assert.Equal(expected[i], parallel[i]);
    }

    [Fact]
    public void DifferentSeeds_GiveDifferentImages()
    {
        using var r = new ToyRenderer();
        var a = r.Render(new ToySceneSampler(1).Sample(0)).Pixels;
        var b = r.Render(new ToySceneSampler(2).Sample(0)).Pixels;
        var c = r.Render(new ToySceneSampler(1).Sample(1)).Pixels;
        Assert.NotEqual(a, b);
        Assert.NotEqual(a, c);
    }

    [Theory]
    [InlineData(16)]
    [InlineData(64)]
    [InlineData(97)]
    public void Images_AreSquare_OfTheConfiguredSize(int size)
    {
        var options = new ToyWorldOptions { ImageSize = size };
        using var r = new ToyRenderer(options);
        var image = r.Render(new ToySceneSampler(3, options).Sample(0));
        Assert.Equal(size, image.Width);
        Assert.Equal(size, image.Height);
        Assert.Equal(size * size * 3, image.Pixels.Length);
    }

    public static TheoryData<ToyShape> Shapes() => [.. Enum.GetValues<ToyShape>()];

    [Theory]
    [MemberData(nameof(Shapes))]
    public void EveryShape_ShowsItsColourOverAPlausibleArea_AndLeavesTheBackgroundAlone(ToyShape shape)
    {
        using var r = new ToyRenderer(ToyWorldOptions.Clean);
        var image = r.Render(Scene(shape, ToyColor.Blue));
        var (count, x, y) = ToyPixels.Near(image, ToyPalette.Rgb(ToyColor.Blue));
        // A large shape has nominal radius 0.28 × 64 ≈ 18 px: a disc of it covers ≈ 25% of the image; the thinnest
        // shape (crescent) still covers well over 4%, none spills beyond the whole disc of radius 1.15.
        Assert.InRange(count, 64 * 64 * 4 / 100, (int)(Math.PI * Math.Pow(0.28 * 1.15 * 64, 2)));
        Assert.InRange(x, 32 - 6, 32 + 6);
        Assert.InRange(y, 32 - 6, 32 + 6);
        Assert.Equal(ToyPalette.Rgb(ToyColor.White), ToyPixels.At(image, 0, 0));
        Assert.Equal(ToyPalette.Rgb(ToyColor.White), ToyPixels.At(image, 63, 63));
    }

    [Theory]
    [InlineData(ToyPosition.Left, -1, 0)]
    [InlineData(ToyPosition.Right, 1, 0)]
    [InlineData(ToyPosition.Top, 0, -1)]
    [InlineData(ToyPosition.Bottom, 0, 1)]
    [InlineData(ToyPosition.TopLeft, -1, -1)]
    [InlineData(ToyPosition.BottomRight, 1, 1)]
    public void Position_MovesTheShapeTowardsItsSide(ToyPosition position, int dx, int dy)
    {
        using var r = new ToyRenderer(ToyWorldOptions.Clean);
        var image = r.Render(Scene(ToyShape.Circle, ToyColor.Green, position, ToySize.Small));
        var (_, x, y) = ToyPixels.Near(image, ToyPalette.Rgb(ToyColor.Green));
        // Small radius 0.13 → anchor at 0.05 + 0.13 × 1.15 ≈ 0.2 of the side, i.e. ≈ 12.8 px from the edge.
        Assert.InRange(x, 31.5 + dx * 19 - 1.5, 31.5 + dx * 19 + 1.5);
        Assert.InRange(y, 31.5 + dy * 19 - 1.5, 31.5 + dy * 19 + 1.5);
    }

    [Fact]
    public void Sizes_GrowInArea()
    {
        using var r = new ToyRenderer(ToyWorldOptions.Clean);
        var areas = Enum.GetValues<ToySize>()
            .Select(s => ToyPixels.Coverage(r.Render(Scene(ToyShape.Square, ToyColor.Black, size: s)),
                ToyPalette.Rgb(ToyColor.Black), ToyPalette.Rgb(ToyColor.White)))
            .ToArray();
        // Square of half side 0.85 × radius: (1.7 × 0.13 × 64)² ≈ 200 px, (1.7 × 0.20 × 64)² ≈ 473, (1.7 × 0.28 × 64)² ≈ 928.
        Assert.Equal(200.0, areas[0], 200.0 * 0.03);
        Assert.Equal(473.5, areas[1], 473.5 * 0.03);
        Assert.Equal(928.1, areas[2], 928.1 * 0.03);
        // A circle of radius 0.2 × 64: π × 12.8² ≈ 514.7 px.
        var disc = ToyPixels.Coverage(r.Render(Scene(ToyShape.Circle, ToyColor.Black, size: ToySize.Medium)),
            ToyPalette.Rgb(ToyColor.Black), ToyPalette.Rgb(ToyColor.White));
        Assert.Equal(514.7, disc, 514.7 * 0.03);
    }

    [Theory]
    [InlineData(ToyTexture.Striped)]
    [InlineData(ToyTexture.Dotted)]
    [InlineData(ToyTexture.Checkered)]
    [InlineData(ToyTexture.Gradient)]
    public void Textures_MixTheBackgroundColourWithItsTone(ToyTexture texture)
    {
        using var r = new ToyRenderer(ToyWorldOptions.Clean);
        var image = r.Render(Scene(ToyShape.Circle, ToyColor.Red, size: ToySize.Small, background: ToyColor.Blue, texture: texture));
        var background = ToyPixels.Near(image, ToyPalette.Rgb(ToyColor.Blue), 10).Count;
        var tone = ToyPixels.Near(image, ToyPalette.Tone(ToyColor.Blue), 10).Count;
        Assert.True(background > 100, $"{texture}: only {background} background-colour pixels");
        Assert.True(tone > 100, $"{texture}: only {tone} tone pixels");
    }

    [Fact]
    public void Noise_StaysWithinItsAmplitude()
    {
        var scene = new ToySceneSampler(9, ToyWorldOptions.Clean).Sample(0);
        using var clean = new ToyRenderer(ToyWorldOptions.Clean);
        using var noisy = new ToyRenderer(ToyWorldOptions.Clean with { NoiseAmplitude = 6 });
        var a = clean.Render(scene).Pixels;
        var b = noisy.Render(scene).Pixels;
        var diffs = a.Zip(b, (x, y) => Math.Abs(x - y)).ToArray();
        Assert.True(diffs.Max() <= 6);
        Assert.True(diffs.Count(d => d > 0) > a.Length / 2);
    }

    [Fact]
    public void Render_IntoAWrongSizedSpan_Throws()
    {
        using var r = new ToyRenderer();
        Assert.Throws<ArgumentException>(() => r.Render(Scene(ToyShape.Star), new byte[10]));
    }

    [Fact]
    public void Options_Validation_NamesEveryBadOption()
    {
        var e = Assert.Throws<ArgumentException>(() => new ToyRenderer(new ToyWorldOptions { ImageSize = 8, NoiseAmplitude = -1, Shapes = [] }));
        Assert.Contains("ImageSize", e.Message);
        Assert.Contains("NoiseAmplitude", e.Message);
        Assert.Contains("Shapes", e.Message);
    }

    [Theory]
    [InlineData(ToyTexture.Plain)]
    [InlineData(ToyTexture.Striped)]
    [InlineData(ToyTexture.Dotted)]
    [InlineData(ToyTexture.Checkered)]
    public void WithoutAntialiasing_OnlyPaletteColoursAndTonesAppear(ToyTexture texture)
    {
        var options = new ToyWorldOptions { Antialias = false, NoiseAmplitude = 0, MaxDistractors = 4, Textures = [texture] };
        var allowed = Enum.GetValues<ToyColor>().SelectMany(c => new[] { ToyPalette.Rgb(c), ToyPalette.Tone(c) }).ToHashSet();
        var sampler = new ToySceneSampler(6, options);
        using var r = new ToyRenderer(options);
        for (var i = 0; i < 20; i++)
        {
            var image = r.Render(sampler.Sample(i));
            for (var p = 0; p < image.Pixels.Length; p += 3)
                Assert.Contains(new ToyRgb(image.Pixels[p], image.Pixels[p + 1], image.Pixels[p + 2]), allowed);
        }
    }
}
