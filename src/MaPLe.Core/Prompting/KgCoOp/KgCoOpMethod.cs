using System.Runtime.CompilerServices;
using MaPLe.Prompting.KgCoOp;
using MaPLe.Training;

namespace MaPLe.Tuning;

// KgCoOp's self-description (htyao89/KgCoOp: configs/trainers/KgCoOp/vit_b16_ep100_ctxv1.yaml, scripts/base2new_train.sh):
// everything outside this folder reads it from PromptMethods.
internal static class KgCoOpMethod
{
    /// <summary>Base-to-novel (<c>vit_b16_ep100_ctxv1</c>, as <c>base2new_train.sh</c> runs it): batch 128, lr 0.002, 100 epochs.</summary>
    public static TrainingOptions BaseToNovel { get; } = new() { BatchSize = 128, LearningRate = 0.002, Epochs = 100 };

    public static PromptMethodDescriptor<KgCoOpOptions> Descriptor { get; } = new(() => new KgCoOpOptions())
    {
        DisplayName = "KgCoOp",
        Summary = "CoOp pulled toward the hand-crafted prompt's text features (Yao et al., CVPR 2023)",
        BuilderMethod = nameof(KgCoOpBuilderExtensions.UseKgCoOp),
        Presets = [new("kgcoop-b2n", "base-to-novel (vit_b16_ep100_ctxv1, W 8.0)", BaseToNovel)],
        ConformanceVariants = new Dictionary<string, Func<KgCoOpOptions, KgCoOpOptions>>
        {
            ["kgcoop-random-pets"] = o => o with { ContextInit = false, PromptLength = 6, DatasetName = "OxfordPets" },
        },
    };

    [ModuleInitializer]
    internal static void Register() => PromptMethods.Register(Descriptor);
}
