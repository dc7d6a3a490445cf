using MaPLe.DependencyInjection;
using MaPLe.Prompting.IndependentVL;
using MaPLe.Prompting.MaPLe;
using MaPLe.Tests.TestSupport;
using MaPLe.Tests.Training;
using MaPLe.Training;
using MaPLe.Tuning;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MaPLe.Tests.DependencyInjection;

/// <summary><c>services.AddPromptTuning(...)</c> gives an application configured tuners sharing one frozen CLIP.</summary>
public sealed class PromptTuningServiceTests
{
    private static void Configure(PromptTuningOptions o)
    {
        o.BackboneWeightsPath = Fixtures.TinyOpenAiWeights;
        o.BpeVocabularyPath = Fixtures.BpeVocab;
        o.Device = "cpu";
        o.ClassNames = ["cat", "dog", "bird"];
        o.Seed = 4;
    }

    [Fact]
    public void FactoryBuildsConfiguredTunersSharingOneBackbone()
    {
        var logs = new RecordingLoggerFactory();
        var services = new ServiceCollection();
        services.AddSingleton<ILoggerFactory>(logs);
        services.AddPromptTuning(o =>
        {
            Configure(o);
            o.Method = new MaPLeOptions { PromptDepth = 3 };
        });
        using var provider = services.BuildServiceProvider();

        var factory = provider.GetRequiredService<IPromptTunerFactory>();
        Assert.Same(factory, provider.GetRequiredService<IPromptTunerFactory>());
        using var first = factory.Create();
        using var second = factory.Create(["car", "bus"]);

        Assert.Equal(["cat", "dog", "bird"], first.ClassNames);
        Assert.Equal(["car", "bus"], second.ClassNames);
        Assert.Same(first.Backbone, second.Backbone);
        Assert.Equal("maple", first.Method);
        Assert.Equal(3, ((MaPLeOptions)first.Learner.Options).PromptDepth);
        Assert.Equal(4, first.Seed);
        Assert.Same(logs, first.LoggerFactory);
        Assert.Same(TrainingPresets.MaPLeBaseToNovel, factory.TrainingOptions);
    }

    [Fact]
    public void TunerHooksTrainingOptionsAndDisposal()
    {
        var services = new ServiceCollection();
        services.AddPromptTuning(o =>
            {
                Configure(o);
                o.Training = TrainingPresets.MaPLeCrossDataset with { Epochs = 1 };
            })
            .ConfigureTuner(b => b.UseMaPLe(o => o with { PromptDepth = 1 }));
        var provider = services.BuildServiceProvider();
        var factory = provider.GetRequiredService<IPromptTunerFactory>();
        using (var tuner = factory.Create())
        {
            Assert.Equal(1, ((MaPLeOptions)tuner.Learner.Options).PromptDepth);
            Assert.Equal(0.0026, factory.TrainingOptions.LearningRate);
            Assert.Equal(1, factory.TrainingOptions.Epochs);
        }
        provider.Dispose();   // disposes the factory, which owns the shared CLIP
        Assert.Throws<ObjectDisposedException>(() => factory.CreateBuilder());
    }

    [Fact]
    public void InvalidOptionsAreAllReportedWhenTheFactoryIsResolved()
    {
        var services = new ServiceCollection();
        services.AddPromptTuning(o =>
        {
            o.BackboneWeightsPath = "/nowhere/clip.safetensors";
            o.Device = "tpu";
            o.Training = new TrainingOptions { Epochs = 0 };
        });
        using var provider = services.BuildServiceProvider();

        var e = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IPromptTunerFactory>());
        Assert.Contains(e.Failures, f => f.Contains("BackboneWeightsPath '/nowhere/clip.safetensors' does not exist"));
        Assert.Contains(e.Failures, f => f.Contains("BpeVocabularyPath is not set"));
        Assert.Contains(e.Failures, f => f.Contains("Device 'tpu'"));
        Assert.Contains(e.Failures, f => f.Contains("Training: Invalid TrainingOptions: Epochs"));
    }

    private static IConfiguration AppSettings(string json) =>
        new ConfigurationBuilder().AddJsonStream(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json))).Build().GetSection("PromptTuning");

    private static string Escaped(string path) => path.Replace("\\", "\\\\");

    [Fact]
    public void AppSettingsSelectTheMethodByIdWithItsOptionsAndTraining()
    {
        var services = new ServiceCollection();
        services.AddPromptTuning(AppSettings($$"""
            {
              "PromptTuning": {
                "BackboneWeightsPath": "{{Escaped(Fixtures.TinyOpenAiWeights)}}",
                "BpeVocabularyPath": "{{Escaped(Fixtures.BpeVocab)}}",
                "Device": "cpu",
                "ComputeDType": "Float32",
                "ClassNames": [ "cat", "dog" ],
                "Seed": 7,
                "Method": "maple-shared",
                "MethodOptions": { "PromptDepth": 2, "ContextInit": "a photo of" },
                "Training": { "Epochs": 1 }
              }
            }
            """));
        using var provider = services.BuildServiceProvider();
        var factory = provider.GetRequiredService<IPromptTunerFactory>();

        var method = Assert.IsType<MaPLeOptions>(factory.Options.Method);
        Assert.Equal(new MaPLeOptions { SharedCoupling = true, PromptDepth = 2, ContextInit = "a photo of" }, method);
        Assert.Equal(TrainingPresets.MaPLeBaseToNovel with { Epochs = 1 }, factory.TrainingOptions);
        Assert.Equal(["cat", "dog"], factory.Options.ClassNames);
        Assert.Equal(7, factory.Options.Seed);
        using var tuner = factory.Create();
        Assert.Equal("maple", tuner.Method);
    }

    [Fact]
    public void BadConfigurationIsReportedKeyByKey()
    {
        var services = new ServiceCollection();
        services.AddPromptTuning(AppSettings("""
            {
              "PromptTuning": {
                "Method": "coop",
                "MethodOptions": { "PromptDepth": 3, "ClassTokenPosition": "Sideways" },
                "ComputeDType": "Float16",
                "Training": { "Epochs": "many" },
                "Colour": "red"
              }
            }
            """));
        using var provider = services.BuildServiceProvider();

        var e = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IPromptTunerFactory>());
        Assert.Contains(e.Failures, f => f.Contains("PromptTuning:MethodOptions:PromptDepth: 'PromptDepth' is not an option of coop"));
        Assert.Contains(e.Failures, f => f.Contains("PromptTuning:MethodOptions:ClassTokenPosition: 'Sideways' is not one of End, Middle, Front"));
        Assert.Contains(e.Failures, f => f.Contains("ComputeDType: Float16 is not supported"));
        Assert.Contains(e.Failures, f => f.Contains("PromptTuning:Training:Epochs: 'many' is not a valid Int32"));
        Assert.Contains(e.Failures, f => f.Contains("PromptTuning:Colour: 'Colour' is not a prompt tuning option"));
    }

    [Fact]
    public void AnUnknownMethodIdListsTheKnownOnes()
    {
        var services = new ServiceCollection();
        services.AddPromptTuning(AppSettings("""{ "PromptTuning": { "Method": "lora" } }"""));
        using var provider = services.BuildServiceProvider();

        var e = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IPromptTunerFactory>());
        Assert.Contains(e.Failures, f => f.Contains("PromptTuning:Method: unknown method 'lora'") && f.Contains("maple-shared") && f.Contains("cocoop"));
    }

    [Fact]
    public void FormerOptionNamesAreStillReadFromConfiguration()
    {
        var options = new PromptTuningOptions().Bind(AppSettings("""{ "PromptTuning": { "Method": "ivlp", "MethodOptions": { "TextContextLength": 3 } } }"""));
        Assert.Equal(new IndependentVLOptions { TextPromptLength = 3 }, options.Method);
    }

    [Fact]
    public void TheBuilderIsFilledFromTheSameOptionsObject()
    {
        var options = new PromptTuningOptions();
        Configure(options);
        options.Method = new MaPLeOptions { PromptDepth = 2 };

        using var tuner = new PromptTunerBuilder().UseOptions(options).Build();

        Assert.Equal(["cat", "dog", "bird"], tuner.ClassNames);
        Assert.Equal(new MaPLeOptions { PromptDepth = 2 }, tuner.Learner.Options);
        Assert.Equal(4, tuner.Seed);
    }
}
