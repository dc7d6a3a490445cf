using MaPLe.Prompting;
using MaPLe.Tests.TestSupport;
using MaPLe.Training;
using MaPLe.Tuning;

namespace MaPLe.Tests.Prompting.PluginMethod;

/// <summary>
/// A method defined only in this folder (VPT-shallow) and registered the way the library's methods are reaches every list
/// of methods: the registry, prompt files, presets, the builder and the conformance matrix (the CLI: MaPLe.Cli.Tests' PluginMethodCliTests,
/// which compiles this folder in).
/// </summary>
[Collection("Sequential")]
public sealed class PluginMethodTests
{
    [Fact]
    public void TheRegistryKnowsItByIdAliasAndVariant()
    {
        Assert.Same(ShallowVisionMethod.Descriptor, PromptMethods.Get("vpt_shallow"));
        Assert.Same(ShallowVisionMethod.Descriptor, PromptMethods.Get("Shallow-Vision"));
        Assert.Same(ShallowVisionMethod.Descriptor, PromptMethods.For<ShallowVisionOptions>());
        Assert.Equal(8, Assert.IsType<ShallowVisionOptions>(PromptMethods.CreateOptions("vpt_shallow-long")).PromptLength);
        Assert.Contains("vpt_shallow", PromptMethodRegistry.Methods);
        Assert.Equal(new ShallowVisionOptions(), PromptMethodRegistry.DefaultOptions("shallow-vision"));
    }

    [Fact]
    public void ItsOptionsRoundTripThroughAPromptFileRecord()
    {
        var options = new ShallowVisionOptions { PromptLength = 6 };
        Assert.Equal(options, PromptMethodRegistry.Deserialize("vpt_shallow", PromptMethodRegistry.Serialize(options)));
    }

    [Fact]
    public void ItsPresetIsTheDefaultRecipeAndANamedPreset()
    {
        var preset = Assert.Single(ShallowVisionMethod.Descriptor.Presets);
        Assert.Same(preset.Options, TrainingPresets.ForMethod("vpt_shallow"));
        Assert.Same(preset, PromptMethods.GetPreset("vpt-shallow-quick"));
        Assert.True(PromptMethods.Get("vpt_shallow").CanTrain);
    }

    [Fact]
    public void TheBuilderNamesItsExtensionWhenNoMethodIsChosen()
    {
        var e = Assert.Throws<PromptTunerConfigurationException>(() => new PromptTunerBuilder().Build());
        Assert.Contains("UseShallowVision", e.Message);
        Assert.Contains("UseMaPLe", e.Message);
    }

    [Fact]
    public void ItIsARowOfTheConformanceMatrix()
    {
        Assert.Contains("vpt_shallow", Names(PromptMethodRows.All()));
        Assert.Contains("vpt_shallow-long", Names(PromptMethodRows.All()));
        Assert.Contains("vpt_shallow", Names(PromptMethodRows.OnePerMethod()));
        Assert.Contains("vpt_shallow", Names(PromptMethodRows.Learned()));
    }

    private static IEnumerable<string> Names(IEnumerable<object[]> rows) => rows.Select(r => (string)r[0]);
}
