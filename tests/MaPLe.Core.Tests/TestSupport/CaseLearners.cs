using MaPLe.Clip;
using MaPLe.Prompting;
using MaPLe.Prompting.CoCoOp;
using MaPLe.Prompting.CoOp;
using MaPLe.Prompting.DeepLanguage;
using MaPLe.Prompting.DeepVision;
using MaPLe.Prompting.IndependentVL;
using MaPLe.Prompting.KgCoOp;
using MaPLe.Prompting.MaPLe;
using MaPLe.Prompting.ProGrad;
using MaPLe.Prompting.PromptSRC;
using MaPLe.Prompting.ZeroShot;
using MaPLe.Tokenization;

namespace MaPLe.Tests.TestSupport;

/// <summary>Builds the learner a fixture case describes, from its case.json options (never from the case's name).</summary>
public static class CaseLearners
{
    private static readonly Lazy<ClipTokenizer> TokenizerLazy = new(() => ClipTokenizer.FromBpeFile(Fixtures.BpeVocab));

    /// <summary>The real CLIP tokenizer from the fixture vocabulary (shared: it is thread-safe).</summary>
    public static ClipTokenizer Tokenizer => TokenizerLazy.Value;

    /// <summary>Methods this library implements (cases of other methods are reported, not silently passed).</summary>
    public static readonly string[] Supported = ["maple", "ivlp", "language_deep", "vpt", "coop", "cocoop", "zeroshot", "promptsrc", "kgcoop", "prograd"];

    /// <summary>The options of a case.</summary>
    public static PromptMethodOptions Options(FixtureCase c) => c.Method switch
    {
        "maple" => new MaPLeOptions { PromptLength = c.Int("n_ctx"), ContextInit = c.Str("ctx_init"), PromptDepth = c.Int("depth") },
        "ivlp" => new IndependentVLOptions
        {
            TextPromptLength = c.Int("n_ctx_t"), VisionPromptLength = c.Int("n_ctx_v"), ContextInit = c.Str("ctx_init"),
            TextDepth = c.Int("depth_t"), VisionDepth = c.Int("depth_v"),
        },
        "language_deep" => new DeepLanguageOptions { PromptLength = c.Int("n_ctx_t"), ContextInit = c.Str("ctx_init"), PromptDepth = c.Int("depth_t") },
        "vpt" => new DeepVisionOptions { PromptLength = c.Int("n_ctx_v"), PromptDepth = c.Int("depth_v") },
        "coop" => new CoOpOptions
        {
            PromptLength = c.Int("n_ctx"), ContextInit = c.Str("ctx_init"), ClassSpecific = c.Bool("csc"),
            ClassTokenPosition = Enum.Parse<ClassTokenPosition>(c.Str("pos", "end"), ignoreCase: true),
        },
        "cocoop" => new CoCoOpOptions { PromptLength = c.Int("n_ctx"), ContextInit = c.Str("ctx_init") },
        "zeroshot" => new ZeroShotOptions { Templates = [c.Str("template", ZeroShotTemplates.Default)] },
        "promptsrc" => new PromptSrcOptions
        {
            TextPromptLength = c.Int("n_ctx_text"), VisionPromptLength = c.Int("n_ctx_vision"), ContextInit = c.Str("ctx_init"),
            TextDepth = c.Int("prompt_depth_text"), VisionDepth = c.Int("prompt_depth_vision"),
            TextLossWeight = c.Double("text_loss_weight"), ImageLossWeight = c.Double("image_loss_weight"),
            GpaMean = c.Root.TryGetProperty("gpa_mean", out var mean) ? mean.GetDouble() : new PromptSrcOptions().GpaMean,
            GpaStd = c.Root.TryGetProperty("gpa_std", out var std) ? std.GetDouble() : new PromptSrcOptions().GpaStd,
            TeacherTemplates = c.Root.TryGetProperty("teacher_templates", out var t) && t.ValueKind == System.Text.Json.JsonValueKind.Array
                ? t.EnumerateArray().Select(e => e.GetString()!).ToList() : PromptSrcTemplates.ImageNet,
        },
        "kgcoop" => new KgCoOpOptions
        {
            PromptLength = c.Int("n_ctx"), ContextInit = c.Bool("ctx_init"), ClassSpecific = c.Bool("csc"), W = c.Double("w"),
            DatasetName = c.Str("dataset_name"), Template = c.Str("template") is { Length: > 0 } template ? template : null,
        },
        "prograd" => new ProGradOptions
        {
            PromptLength = c.Int("n_ctx"), ContextInit = c.Bool("ctx_init"), ClassSpecific = c.Bool("csc"),
            ClassTokenPosition = Enum.Parse<ClassTokenPosition>(c.Str("class_token_position", "end"), ignoreCase: true),
            Lambda = c.Double("lambda"), T = c.Double("t"), DatasetName = c.Str("dataset_name"), Template = c.Str("template") is { Length: > 0 } template ? template : null,
        },
        _ => throw new NotSupportedException($"Fixture case '{c.Name}' uses method '{c.Method}', which this test suite does not know."),
    };

    /// <summary>The case's learner with its prompts.safetensors loaded (zero-shot cases have none).</summary>
    public static IPromptLearner Create(FixtureCase c, IClipBackbone backbone)
    {
        var learner = Options(c).CreateLearner(backbone, Tokenizer, c.ClassNames);
        if (File.Exists(c.PromptsPath))
            PromptStateFile.Load(learner, c.PromptsPath);
        return learner;
    }
}
