using MaPLe.Prompting;
using MaPLe.Training;

namespace MaPLe.Cli.Commands;

/// <summary>Method names and training presets accepted on the command line.</summary>
public static class MethodCatalog
{
    /// <summary>Accepted --method values.</summary>
    public static IReadOnlyList<string> Names { get; } = ["maple", "maple-shared", "ivlp", "language_deep", "vpt", "coop", "cocoop", "zeroshot"];

    /// <summary>The paper's options for a method.</summary>
    public static PromptMethodOptions Options(string name) => PromptMethodRegistry.DefaultOptions(name);

    /// <summary>A named preset, or the method's default.</summary>
    public static TrainingOptions Preset(string? preset, string method) => preset?.ToLowerInvariant() switch
    {
        null => TrainingPresets.ForMethod(method),
        "maple-b2n" => TrainingPresets.MaPLeBaseToNovel,
        "maple-xd" => TrainingPresets.MaPLeCrossDataset,
        "ivlp" => TrainingPresets.IndependentVL,
        "language_deep" => TrainingPresets.DeepLanguage,
        "vpt" => TrainingPresets.DeepVision,
        "coop" => TrainingPresets.CoOp,
        "coop-ep50" => TrainingPresets.CoOpEp50,
        "coop-ep100" => TrainingPresets.CoOpEp100,
        "cocoop" => TrainingPresets.CoCoOp,
        _ => throw new ArgumentException($"Unknown --preset '{preset}'."),
    };
}
