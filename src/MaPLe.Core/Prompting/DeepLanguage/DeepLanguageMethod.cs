using System.Runtime.CompilerServices;
using MaPLe.Prompting.DeepLanguage;
using MaPLe.Training;

namespace MaPLe.Tuning;

// The method's self-description: everything outside this folder (builder errors, CLI, DI, presets, benchmarks,
// conformance tests) reads it from PromptMethods.
internal static class DeepLanguageMethod
{
    public static PromptMethodDescriptor<DeepLanguageOptions> Descriptor { get; } = new(() => new DeepLanguageOptions())
    {
        DisplayName = "Deep language prompting",
        Summary = "deep prompts in the text tower only",
        Aliases = ["deep-language", "language-deep"],
        BuilderMethod = nameof(DeepLanguageBuilderExtensions.UseDeepLanguage),
        Presets = [new("language_deep", "deep language prompting, 4 tokens, depth 12", TrainingPresets.DeepLanguage)],
    };

    [ModuleInitializer]
    internal static void Register() => PromptMethods.Register(Descriptor);
}
