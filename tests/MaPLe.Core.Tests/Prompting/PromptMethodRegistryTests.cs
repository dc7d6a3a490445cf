using MaPLe.Prompting;
using MaPLe.Prompting.MaPLe;

namespace MaPLe.Tests.Prompting;

public sealed class PromptMethodRegistryTests
{
    [Fact]
    public void EveryMethodOfThisLibraryIsRegistered()
    {
        Assert.Superset(new HashSet<string> { "cocoop", "coop", "ivlp", "language_deep", "maple", "vpt", "zeroshot" }, PromptMethodRegistry.Methods.ToHashSet());
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
        var options = new MaPLeOptions { ContextLength = 3, PromptDepth = 5, SharedCoupling = true };
        Assert.Equal(options, PromptMethodRegistry.Deserialize("maple", PromptMethodRegistry.Serialize(options)));
    }
}
