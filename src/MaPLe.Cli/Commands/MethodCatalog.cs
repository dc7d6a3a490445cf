using MaPLe.Prompting;
using MaPLe.Prompting.CoCoOp;
using MaPLe.Prompting.CoOp;
using MaPLe.Prompting.DeepLanguage;
using MaPLe.Prompting.DeepVision;
using MaPLe.Prompting.IndependentVL;
using MaPLe.Prompting.MaPLe;
using MaPLe.Prompting.ZeroShot;
using MaPLe.Training;

namespace MaPLe.Cli.Commands;

/// <summary>Method names and training presets accepted on the command line.</summary>
public static class MethodCatalog
{
    /// <summary>Accepted --method values.</summary>
    public static IReadOnlyList<string> Names { get; } = ["maple", "maple-shared", "ivlp", "language_deep", "vpt", "coop", "cocoop", "zeroshot"];

    /// <summary>The paper's options for a method.</summary>
    public static PromptMethodOptions Options(string name) => name.ToLowerInvariant() switch
    {
        "maple" => new MaPLeOptions(),
        "maple-shared" or "maple†" => new MaPLeOptions { SharedCoupling = true },
        "ivlp" => new IndependentVLOptions(),
        "language_deep" or "deep-language" => new DeepLanguageOptions(),
        "vpt" or "deep-vision" => new DeepVisionOptions(),
        "coop" => new CoOpOptions(),
        "cocoop" => new CoCoOpOptions(),
        "zeroshot" or "zero-shot" => new ZeroShotOptions(),
        _ => throw new ArgumentException($"Unknown --method '{name}'. Use one of: {string.Join(", ", Names)}."),
    };

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
