using MaPLe.Clip;
using MaPLe.Prompting;
using MaPLe.Prompting.CoCoOp;
using MaPLe.Prompting.CoOp;
using MaPLe.Prompting.DeepLanguage;
using MaPLe.Prompting.DeepVision;
using MaPLe.Prompting.IndependentVL;
using MaPLe.Prompting.MaPLe;
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
    public static readonly string[] Supported = ["maple", "ivlp", "language_deep", "vpt", "coop", "cocoop", "zeroshot"];

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
