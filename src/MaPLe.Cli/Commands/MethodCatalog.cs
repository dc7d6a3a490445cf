using MaPLe.Prompting;
using MaPLe.Training;
using MaPLe.Tuning;

namespace MaPLe.Cli.Commands;

/// <summary>Method names and training presets accepted on the command line, read from the method registry.</summary>
public static class MethodCatalog
{
    /// <summary>The default --method.</summary>
    public const string DefaultMethod = "maple";

    /// <summary>Accepted --method values (ids and variant names; aliases are accepted too).</summary>
    public static IReadOnlyList<string> Names => PromptMethods.SelectableNames;

    /// <summary>Accepted --preset values.</summary>
    public static IReadOnlyList<string> PresetNames => PromptMethods.Presets.Select(p => p.Name).ToList();

    /// <summary>The paper's options for a method.</summary>
    public static PromptMethodOptions Options(string name) => PromptMethods.CreateOptions(name);

    /// <summary>The method's descriptor, refused when it has nothing to train.</summary>
    /// <exception cref="ArgumentException">A method that does not train (zero-shot).</exception>
    public static PromptMethodDescriptor Trainable(PromptMethodOptions options)
    {
        var descriptor = PromptMethods.Of(options);
        return descriptor.CanTrain ? descriptor
            : throw new ArgumentException($"{descriptor.DisplayName} has nothing to train: use 'maple zero-shot'.");
    }

    /// <summary>A named preset, or the method's default.</summary>
    /// <exception cref="ArgumentException">Unknown preset (the message lists the known ones).</exception>
    public static TrainingOptions Preset(string? preset, PromptMethodDescriptor method) =>
        preset is null ? method.DefaultTraining
        : PromptMethods.FindPreset(preset)?.Options ?? throw new ArgumentException($"Unknown --preset '{preset}'. Known: {string.Join(", ", PresetNames)}.");
}
