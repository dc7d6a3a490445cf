using MaPLe.Prompting;
using MaPLe.Prompting.CoOp;
using MaPLe.Prompting.IndependentVL;
using MaPLe.Prompting.MaPLe;

namespace MaPLe.Tests.Prompting;

public sealed class PromptMethodRegistryTests
{
    [Fact]
    public void EveryMethodOfThisLibraryIsRegistered()
    {
        Assert.Superset(new HashSet<string> { "cocoop", "coop", "ivlp", "kgcoop", "language_deep", "maple", "prograd", "promptsrc", "vpt", "zeroshot" }, PromptMethodRegistry.Methods.ToHashSet());
    }

    [Theory]
    [InlineData("MaPLe", "maple")]
    [InlineData("deep-vision", "vpt")]
    [InlineData("deep-language", "language_deep")]
    [InlineData("clip", "zeroshot")]
    [InlineData("CoCoOp", "cocoop")]
    public void DefaultOptionsAcceptIdentifiersAndAliases(string name, string method)
    {
        Assert.Equal(method, PromptMethodRegistry.DefaultOptions(name).Method);
    }

    [Fact]
    public void MapleSharedIsMapleWithOneCoupling()
    {
        var options = Assert.IsType<MaPLeOptions>(PromptMethodRegistry.DefaultOptions("maple-shared"));
        Assert.True(options.SharedCoupling);
        Assert.False(((MaPLeOptions)PromptMethodRegistry.DefaultOptions("maple")).SharedCoupling);
    }

    [Fact]
    public void UnknownMethodListsTheKnownOnes()
    {
        var e = Assert.Throws<ArgumentException>(() => PromptMethodRegistry.DefaultOptions("lora"));
        Assert.Contains("'lora'", e.Message);
        Assert.Contains("cocoop", e.Message);
    }

    [Fact]
    public void OptionsRoundTripThroughJson()
    {
        var options = new MaPLeOptions { PromptLength = 3, PromptDepth = 5, SharedCoupling = true };
        Assert.Equal(options, PromptMethodRegistry.Deserialize("maple", PromptMethodRegistry.Serialize(options)));
    }

    [Fact]
    public void PromptFilesWrittenBeforeTheRenameStillLoad()
    {
        // Options JSON as version 0.1 wrote it: the prompt token counts were called ContextLength.
        Assert.Equal(new MaPLeOptions { PromptLength = 3, PromptDepth = 5, SharedCoupling = true },
            PromptMethodRegistry.Deserialize("maple", """{"ContextLength":3,"ContextInit":"a photo of a","PromptDepth":5,"SharedCoupling":true,"Method":"maple","UsesInitText":true,"ClassPromptPrefix":"a photo of a"}"""));
        Assert.Equal(new IndependentVLOptions { TextPromptLength = 3, VisionPromptLength = 5 },
            PromptMethodRegistry.Deserialize("ivlp", """{"TextContextLength":3,"VisionContextLength":5}"""));
        Assert.Equal(new CoOpOptions { PromptLength = 16, ContextInit = "" },
            PromptMethodRegistry.Deserialize("coop", """{"ContextLength":16,"ContextInit":"","EffectiveContextLength":16}"""));
    }

    [Fact]
    public void OptionsAreWrittenUnderTheNewNamesOnly()
    {
        string json = PromptMethodRegistry.Serialize(new CoOpOptions { PromptLength = 8 });
        Assert.Contains("\"PromptLength\":8", json);
        Assert.DoesNotContain("ContextLength", json);
    }
}
