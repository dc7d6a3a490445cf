using System.Runtime.CompilerServices;
using MaPLe.Prompting.CoCoOp;
using MaPLe.Training;

namespace MaPLe.Tuning;

// The method's self-description: everything outside this folder (builder errors, CLI, DI, presets, benchmarks,
// conformance tests) reads it from PromptMethods.
internal static class CoCoOpMethod
{
    public static PromptMethodDescriptor<CoCoOpOptions> Descriptor { get; } = new(() => new CoCoOpOptions())
    {
        DisplayName = "CoCoOp",
        Summary = "a learned text context conditioned on each image by a meta-net (Zhou et al., CVPR 2022)",
        BuilderMethod = nameof(CoCoOpBuilderExtensions.UseCoCoOp),
        Presets = [new("cocoop", "vit_b16_c4_ep10_batch1_ctxv1", TrainingPresets.CoCoOp)],
    };

    [ModuleInitializer]
    internal static void Register() => PromptMethods.Register(Descriptor);
}
