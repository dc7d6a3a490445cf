using System.Runtime.CompilerServices;
using MaPLe.Prompting.ZeroShot;

namespace MaPLe.Tuning;

// The method's self-description: everything outside this folder (builder errors, CLI, DI, presets, benchmarks,
// conformance tests) reads it from PromptMethods.
internal static class ZeroShotMethod
{
    public static PromptMethodDescriptor<ZeroShotOptions> Descriptor { get; } = new(() => new ZeroShotOptions())
    {
        DisplayName = "Zero-shot CLIP",
        Summary = "hand-written templates, nothing learned",
        Aliases = ["clip", "zero-shot"],
        BuilderMethod = nameof(ZeroShotBuilderExtensions.UseZeroShot),
        CanTrain = false,
        ConformanceVariants = new Dictionary<string, Func<ZeroShotOptions, ZeroShotOptions>>
        {
            ["zeroshot-ensemble"] = _ => ZeroShotOptions.EnsembleForDataset("OxfordPets"),
        },
    };

    [ModuleInitializer]
    internal static void Register() => PromptMethods.Register(Descriptor);
}
