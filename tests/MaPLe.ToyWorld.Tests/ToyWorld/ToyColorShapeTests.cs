using MaPLe.ToyWorld;

namespace MaPLe.Tests.ToyWorld;

public class ToyColorShapeTests
{
    [Theory]
    [InlineData("red triangle", ToyColor.Red, ToyShape.Triangle)]
    [InlineData("  Gray   Crescent ", ToyColor.Grey, ToyShape.Crescent)]
    [InlineData("cyan pentagon", ToyColor.Cyan, ToyShape.Pentagon)]
    public void Parse_ReadsClassNames(string text, ToyColor color, ToyShape shape) =>
        Assert.Equal(new ToyColorShape(color, shape), ToyColorShape.Parse(text));

    [Theory]
    [InlineData("triangle red")]
    [InlineData("red")]
    [InlineData("magenta circle")]
    public void Parse_RejectsOtherText_NamingTheValidWords(string text)
    {
        var e = Assert.Throws<FormatException>(() => ToyColorShape.Parse(text));
        Assert.Contains("crescent", e.Message);
    }

    [Fact]
    public void ClassName_IsColourSpaceShape_ForEveryPair()
    {
        Assert.Equal("orange heart", new ToyColorShape(ToyColor.Orange, ToyShape.Heart).ClassName);
        var all = ToyColorShape.All();
        Assert.Equal(120, all.Count);
        Assert.All(all, c => Assert.Equal(c, ToyColorShape.Parse(c.ClassName)));
        Assert.Equal(120, all.Select(c => c.ClassName).Distinct().Count());
    }

    [Fact]
    public void Palette_ColoursAreDistinct()
    {
        var colors = Enum.GetValues<ToyColor>();
        foreach (var a in colors)
            foreach (var b in colors.Where(b => b > a))
                Assert.True(ToyPalette.Rgb(a).DistanceTo(ToyPalette.Rgb(b)) >= 60, $"{a} and {b} look alike");
    }
}
