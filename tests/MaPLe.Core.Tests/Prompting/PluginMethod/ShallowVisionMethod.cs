using System.Runtime.CompilerServices;
using MaPLe.Training;
using MaPLe.Tuning;

namespace MaPLe.Tests.Prompting.PluginMethod;

/// <summary>The plug-in's self-description, registered when the test assembly loads — the same way the library's methods register.</summary>
public static class ShallowVisionMethod
{
    /// <summary>The descriptor.</summary>
    public static PromptMethodDescriptor<ShallowVisionOptions> Descriptor { get; } = new(() => new ShallowVisionOptions())
    {
        DisplayName = "VPT-shallow (test plug-in)",
        Summary = "learned tokens appended to the image tower's input",
        Aliases = ["shallow-vision"],
        BuilderMethod = nameof(ShallowVisionBuilderExtensions.UseShallowVision),
        Presets = [new("vpt-shallow-quick", "one quick epoch", new TrainingOptions { BatchSize = 2, LearningRate = 0.01, Epochs = 1 })],
        Variants = new Dictionary<string, Func<ShallowVisionOptions, ShallowVisionOptions>>
        {
            ["vpt_shallow-long"] = o => o with { PromptLength = 8 },
        },
    };

    [ModuleInitializer]
    internal static void Register() => PromptMethods.Register(Descriptor);
}

/// <summary>Selects the plug-in in a <see cref="PromptTunerBuilder"/>.</summary>
public static class ShallowVisionBuilderExtensions
{
    /// <summary>VPT-shallow with 4 tokens, optionally changed.</summary>
    public static PromptTunerBuilder UseShallowVision(this PromptTunerBuilder builder, Func<ShallowVisionOptions, ShallowVisionOptions>? configure = null) =>
        builder.UseMethod(configure?.Invoke(new ShallowVisionOptions()) ?? new ShallowVisionOptions());
}
