using System.Text.RegularExpressions;
using MaPLe.ToyWorld;

namespace MaPLe.Tests.ToyWorld;

public class ToyCaptionerTests
{
    private static bool HasWord(string text, string word) => Regex.IsMatch(text, $@"\b{Regex.Escape(word)}\b");

    [Fact]
    public void EveryCaption_NamesTheShapeColourAndShape_InLowerCaseEnglish()
    {
        var sampler = new ToySceneSampler(4);
        for (var i = 0; i < 1000; i++)
        {
            var scene = sampler.Sample(i);
            var caption = ToyCaptioner.Describe(scene, (ulong)i);
            Assert.True(HasWord(caption, ToyVocabulary.Word(scene.Color)), $"'{caption}' lacks the colour of {scene.ClassName}");
            Assert.True(HasWord(caption, ToyVocabulary.Word(scene.Shape)), $"'{caption}' lacks the shape of {scene.ClassName}");
            Assert.Matches(@"^[a-z][a-z ,]*\.?$", caption);
            Assert.DoesNotContain("  ", caption);
            // Article agreement: never "a orange" / "an red".
            Assert.DoesNotMatch(@"\ba [aeiou]", caption);
            Assert.DoesNotMatch(@"\ban [^aeiou ]", caption);
            // Any size or position words are the scene's own.
            foreach (var size in Enum.GetValues<ToySize>().Where(s => s != scene.Size))
                Assert.False(HasWord(caption, ToyVocabulary.Word(size)), $"'{caption}' names a size {scene.Size} is not");
        }
    }

    [Fact]
    public void Wording_VariesOrderAndPresenceOfAttributes()
    {
        var scene = new ToyScene(ToyColor.Red, ToyShape.Triangle, ToySize.Small, ToyPosition.TopLeft, ToyColor.Blue, ToyTexture.Striped);
        var captions = Enumerable.Range(0, 400).Select(v => ToyCaptioner.Describe(scene, (ulong)v)).ToArray();
        Assert.True(captions.Distinct().Count() > 50);
        Assert.Contains(captions, c => c.IndexOf("red", StringComparison.Ordinal) < c.IndexOf("triangle", StringComparison.Ordinal));
        Assert.Contains(captions, c => c.IndexOf("red", StringComparison.Ordinal) > c.IndexOf("triangle", StringComparison.Ordinal));
        Assert.Contains(captions, c => HasWord(c, "small"));
        Assert.Contains(captions, c => !HasWord(c, "small"));
        Assert.Contains(captions, c => c.Contains("top left"));
        Assert.Contains(captions, c => !c.Contains("top left"));
        Assert.Contains(captions, c => HasWord(c, "blue") && HasWord(c, "striped"));
        Assert.Contains(captions, c => !HasWord(c, "blue"));
        Assert.Contains(captions, c => c.Contains("a photo of a "));
        Assert.Contains(captions, c => c.StartsWith("there is "));
        Assert.Contains(captions, c => c == "a small red triangle." || c == "a red triangle." || c == "a red triangle");
    }

    [Fact]
    public void SameVariant_SameText()
    {
        var scene = new ToySceneSampler(1).Sample(0);
        Assert.Equal(ToyCaptioner.Describe(scene, 99), ToyCaptioner.Describe(scene, 99));
    }
}
