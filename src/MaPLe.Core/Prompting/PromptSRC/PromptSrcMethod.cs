using System.Runtime.CompilerServices;
using MaPLe.Prompting.PromptSRC;
using MaPLe.Training;

namespace MaPLe.Tuning;

// PromptSRC's self-description (configs/trainers/PromptSRC/*.yaml of muzairkhattak/PromptSRC): everything outside this
// folder reads it from PromptMethods.
internal static class PromptSrcMethod
{
    /// <summary>Base-to-novel (<c>vit_b16_c2_ep20_batch4_4+4ctx</c>): batch 4, lr 0.0025, 20 epochs.</summary>
    public static TrainingOptions BaseToNovel { get; } = new() { BatchSize = 4, LearningRate = 0.0025, Epochs = 20 };

    /// <summary>Few-shot (<c>vit_b16_c2_ep50_batch4_4+4ctx_few_shot</c>): batch 4, lr 0.0025, 50 epochs.</summary>
    public static TrainingOptions FewShot { get; } = BaseToNovel with { Epochs = 50 };

    public static PromptMethodDescriptor<PromptSrcOptions> Descriptor { get; } = new(() => new PromptSrcOptions())
    {
        DisplayName = "PromptSRC",
        Summary = "independent V-L deep prompts regularised toward the frozen CLIP, aggregated over epochs (Khattak et al., ICCV 2023)",
        BuilderMethod = nameof(PromptSrcBuilderExtensions.UsePromptSRC),
        Presets =
        [
            new("promptsrc-b2n", "base-to-novel (vit_b16_c2_ep20_batch4_4+4ctx)", BaseToNovel),
            new("promptsrc-xd", "cross-dataset and domain generalization (…_cross_datasets; method variant promptsrc-cross-dataset)", BaseToNovel),
            new("promptsrc-fs", "few-shot (…_few_shot; method variant promptsrc-few-shot)", FewShot),
        ],
        Variants = new Dictionary<string, Func<PromptSrcOptions, PromptSrcOptions>>
        {
            ["promptsrc-cross-dataset"] = o => o with { TextDepth = 3, VisionDepth = 3, GpaMean = 6, GpaStd = 10 },
            ["promptsrc-few-shot"] = o => o with { GpaMean = 30, GpaStd = 30 },
        },
        ConformanceVariants = new Dictionary<string, Func<PromptSrcOptions, PromptSrcOptions>>
        {
            ["promptsrc-random-uneven"] = o => o with { ContextInit = "", TextPromptLength = 2, VisionPromptLength = 3, TextDepth = 1, VisionDepth = 2 },
        },
    };

    [ModuleInitializer]
    internal static void Register() => PromptMethods.Register(Descriptor);
}
