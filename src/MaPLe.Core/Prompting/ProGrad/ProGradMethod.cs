using System.Runtime.CompilerServices;
using MaPLe.Prompting;
using MaPLe.Prompting.ProGrad;
using MaPLe.Training;

namespace MaPLe.Tuning;

// ProGrad's self-description (BeierZhu/Prompt-align: ProGrad.public/configs/trainers/ProGrad/*.yaml,
// scripts/base2new_train_prograd.sh): everything outside this folder reads it from PromptMethods.
internal static class ProGradMethod
{
    /// <summary>Base-to-novel (<c>rn50_ep100</c>, as <c>base2new_train_prograd.sh</c> runs it): batch 32, lr 0.002, 100 epochs.</summary>
    public static TrainingOptions BaseToNovel { get; } = new() { BatchSize = 32, LearningRate = 0.002, Epochs = 100 };

    public static PromptMethodDescriptor<ProGradOptions> Descriptor { get; } = new(() => new ProGradOptions())
    {
        DisplayName = "ProGrad",
        Summary = "CoOp whose gradient is projected where it conflicts with the zero-shot prediction's (Zhu et al., ICCV 2023)",
        BuilderMethod = nameof(ProGradBuilderExtensions.UseProGrad),
        Presets = [new("prograd-b2n", "base-to-novel (rn50_ep100 optimizer, N_CTX 16, LAMBDA 1.0)", BaseToNovel)],
        ConformanceVariants = new Dictionary<string, Func<ProGradOptions, ProGradOptions>>
        {
            ["prograd-pets-init"] = o => o with { PromptLength = 10, DatasetName = "OxfordPets" },
            ["prograd-random-front"] = o => o with { ContextInit = false, PromptLength = 3, ClassTokenPosition = ClassTokenPosition.Front },
        },
    };

    [ModuleInitializer]
    internal static void Register() => PromptMethods.Register(Descriptor);
}
