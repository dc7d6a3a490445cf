using MaPLe.DependencyInjection;
using MaPLe.Prompting;
using MaPLe.Tests.TestSupport;
using MaPLe.Training;
using MaPLe.Tuning;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MaPLe.Tests.Prompting.PluginMethod;

/// <summary>
/// A method defined only in this folder (VPT-shallow) and registered the way the library's methods are reaches every list
/// of methods: the registry, prompt files, presets, the builder, dependency injection from configuration and the
/// conformance matrix (the CLI: MaPLe.Cli.Tests' PluginMethodCliTests, which compiles this folder in).
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

    [Fact]
    public void DependencyInjectionSelectsItFromConfiguration()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["PromptTuning:BackboneWeightsPath"] = Fixtures.TinyOpenAiWeights,
            ["PromptTuning:BpeVocabularyPath"] = Fixtures.BpeVocab,
            ["PromptTuning:Device"] = "cpu",
            ["PromptTuning:ClassNames:0"] = "cat",
            ["PromptTuning:ClassNames:1"] = "dog",
            ["PromptTuning:Method"] = "shallow-vision",
            ["PromptTuning:MethodOptions:PromptLength"] = "6",
            ["PromptTuning:Training:Epochs"] = "3",
        }).Build();
        var services = new ServiceCollection();
        services.AddPromptTuning(configuration.GetSection("PromptTuning"));
        using var provider = services.BuildServiceProvider();
        var factory = provider.GetRequiredService<IPromptTunerFactory>();

        Assert.Equal(new ShallowVisionOptions { PromptLength = 6 }, factory.Options.Method);
        Assert.Equal(ShallowVisionMethod.Descriptor.DefaultTraining with { Epochs = 3 }, factory.TrainingOptions);
        using var tuner = factory.Create();
        Assert.Equal("vpt_shallow", tuner.Method);
        Assert.Equal(6, tuner.Learner.StateDict()["image_encoder.VPT"].shape[0]);
    }

    private static IEnumerable<string> Names(IEnumerable<object[]> rows) => rows.Select(r => (string)r[0]);
}
