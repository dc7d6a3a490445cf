using System.Runtime.CompilerServices;
using MaPLe.Prompting;
using MaPLe.Prompting.CoOp;
using MaPLe.Training;

namespace MaPLe.Tuning;

// The method's self-description: everything outside this folder (builder errors, CLI, DI, presets, benchmarks,
// conformance tests) reads it from PromptMethods.
internal static class CoOpMethod
{
    public static PromptMethodDescriptor<CoOpOptions> Descriptor { get; } = new(() => new CoOpOptions())
    {
        DisplayName = "CoOp",
        Summary = "a learned text context shared by all classes (Zhou et al., IJCV 2022)",
        BuilderMethod = nameof(CoOpBuilderExtensions.UseCoOp),
        Presets =
        [
            new("coop", "vit_b16, 200 epochs", TrainingPresets.CoOp),
            new("coop-ep100", "vit_b16_ep100", TrainingPresets.CoOpEp100),
            new("coop-ep50", "vit_b16_ep50", TrainingPresets.CoOpEp50),
        ],
        ConformanceVariants = new Dictionary<string, Func<CoOpOptions, CoOpOptions>>
        {
            ["coop-random-middle"] = o => o with { ContextInit = "", PromptLength = 6, ClassTokenPosition = ClassTokenPosition.Middle },
            ["coop-random-front"] = o => o with { ContextInit = "", PromptLength = 3, ClassTokenPosition = ClassTokenPosition.Front },
        },
    };

    [ModuleInitializer]
    internal static void Register() => PromptMethods.Register(Descriptor);
}
