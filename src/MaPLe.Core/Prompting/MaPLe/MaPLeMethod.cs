using System.Runtime.CompilerServices;
using MaPLe.Prompting.MaPLe;
using MaPLe.Training;

namespace MaPLe.Tuning;

// The method's self-description: everything outside this folder (builder errors, CLI, DI, presets, benchmarks,
// conformance tests) reads it from PromptMethods.
internal static class MaPLeMethod
{
    public static PromptMethodDescriptor<MaPLeOptions> Descriptor { get; } = new(() => new MaPLeOptions())
    {
        DisplayName = "MaPLe",
        Summary = "multi-modal prompts: learned text prompts coupled to vision prompts in the first J layers (Khattak et al., CVPR 2023)",
        BuilderMethod = nameof(MaPLeBuilderExtensions.UseMaPLe),
        Presets =
        [
            new("maple-b2n", "base-to-novel (vit_b16_c2_ep5_batch4_2ctx)", TrainingPresets.MaPLeBaseToNovel),
            new("maple-xd", "cross-dataset and domain generalization (vit_b16_c2_ep5_batch4_2ctx_cross_datasets)", TrainingPresets.MaPLeCrossDataset),
        ],
        Variants = new Dictionary<string, Func<MaPLeOptions, MaPLeOptions>>
        {
            ["maple-shared"] = o => o with { SharedCoupling = true },
        },
        ConformanceVariants = new Dictionary<string, Func<MaPLeOptions, MaPLeOptions>>
        {
            ["maple-random-init"] = o => o with { ContextInit = "", PromptLength = 3, PromptDepth = 1 },
        },
    };

    [ModuleInitializer]
    internal static void Register() => PromptMethods.Register(Descriptor);
}
