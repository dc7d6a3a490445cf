using MaPLe.Data;

namespace MaPLe.Tests.Data;

public class ClassNameRulesTests
{
    [Theory]
    [InlineData("ApplyEyeMakeup", "Apply_Eye_Makeup")]
    [InlineData("YoYo", "Yo_Yo")]
    [InlineData("PlayingDaf", "Playing_Daf")]
    [InlineData("Skijet", "Skijet")]
    [InlineData("xBox", "Box")] // re.findall("[A-Z][^A-Z]*") drops a lower-case prefix
    public void SplitCamelCase_MatchesUpstreamRegex(string action, string expected) =>
        Assert.Equal(expected, ClassNameRules.SplitCamelCase(action));

    [Theory]
    [InlineData("a/abbey", "abbey")]
    [InlineData("c/church/outdoor", "outdoor church")]
    [InlineData("s/subway_station/platform", "platform subway_station")]
    public void Sun397FromFolder_DropsLetterAndReverses(string folder, string expected) =>
        Assert.Equal(expected, ClassNameRules.Sun397FromFolder(folder));

    [Theory]
    [InlineData("Egyptian_Mau_12", "egyptian_mau")]
    [InlineData("american_pit_bull_terrier_100", "american_pit_bull_terrier")]
    public void PetBreed_LowerCasedWithoutIndex(string image, string expected) =>
        Assert.Equal(expected, ClassNameRules.PetBreed(image));

    [Fact]
    public void ForPrompt_ReplacesUnderscoresAndIsIdempotent()
    {
        Assert.Equal("american pit bull terrier", ClassNameRules.ForPrompt("american_pit_bull_terrier"));
        Assert.Equal("Sea or Lake", ClassNameRules.ForPrompt(ClassNameRules.ForPrompt("Sea or Lake")));
    }
}
