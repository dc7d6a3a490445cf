using System.Runtime.CompilerServices;
using MaPLe.Prompting.DeepVision;
using MaPLe.Training;

namespace MaPLe.Tuning;

// The method's self-description: everything outside this folder (builder errors, CLI, DI, presets, benchmarks,
// conformance tests) reads it from PromptMethods.
internal static class DeepVisionMethod
{
    public static PromptMethodDescriptor<DeepVisionOptions> Descriptor { get; } = new(() => new DeepVisionOptions())
    {
        DisplayName = "VPT-deep",
        Summary = "deep visual prompt tuning: prompts in the image tower only",
        Aliases = ["deep-vision", "vpt-deep"],
        BuilderMethod = nameof(DeepVisionBuilderExtensions.UseDeepVision),
        Presets = [new("vpt", "deep vision prompting, 8 tokens, depth 12", TrainingPresets.DeepVision)],
    };

    [ModuleInitializer]
    internal static void Register() => PromptMethods.Register(Descriptor);
}
