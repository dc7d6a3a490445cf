using System.Runtime.CompilerServices;
using MaPLe.Prompting.IndependentVL;
using MaPLe.Training;

namespace MaPLe.Tuning;

// The method's self-description: everything outside this folder (builder errors, CLI, DI, presets, benchmarks,
// conformance tests) reads it from PromptMethods.
internal static class IndependentVLMethod
{
    public static PromptMethodDescriptor<IndependentVLOptions> Descriptor { get; } = new(() => new IndependentVLOptions())
    {
        DisplayName = "IVLP",
        Summary = "independent deep prompts in the text and image towers, no coupling",
        Aliases = ["independent-vl"],
        BuilderMethod = nameof(IndependentVLBuilderExtensions.UseIndependentVL),
        Presets = [new("ivlp", "independent V-L prompting, 2+2 tokens", TrainingPresets.IndependentVL)],
        ConformanceVariants = new Dictionary<string, Func<IndependentVLOptions, IndependentVLOptions>>
        {
            ["ivlp-shallow-uneven"] = o => o with { TextPromptLength = 3, VisionPromptLength = 5, TextDepth = 1, VisionDepth = 4 },
        },
    };

    [ModuleInitializer]
    internal static void Register() => PromptMethods.Register(Descriptor);
}
