using MaPLe.Clip;
using MaPLe.Prompting;
using MaPLe.Prompting.MaPLe;
using MaPLe.Tokenization;

namespace MaPLe.Tests.TestSupport;

/// <summary>Builds the learner a fixture case describes, from its case.json options (never from the case's name).</summary>
public static class CaseLearners
{
    private static readonly Lazy<ClipTokenizer> TokenizerLazy = new(() => ClipTokenizer.FromBpeFile(Fixtures.BpeVocab));

    /// <summary>The real CLIP tokenizer from the fixture vocabulary (shared: it is thread-safe).</summary>
    public static ClipTokenizer Tokenizer => TokenizerLazy.Value;

    /// <summary>Methods this library implements (cases of other methods are reported, not silently passed).</summary>
    public static readonly string[] Supported = ["maple"];

    /// <summary>The options of a case.</summary>
    public static PromptMethodOptions Options(FixtureCase c) => c.Method switch
    {
        "maple" => new MaPLeOptions { ContextLength = c.Int("n_ctx"), ContextInit = c.Str("ctx_init"), PromptDepth = c.Int("depth") },
        _ => throw new NotSupportedException($"Fixture case '{c.Name}' uses method '{c.Method}', which this test suite does not know."),
    };

    /// <summary>The case's learner with its prompts.safetensors loaded.</summary>
    public static IPromptLearner Create(FixtureCase c, IClipBackbone backbone)
    {
        var learner = Options(c).CreateLearner(backbone, Tokenizer, c.ClassNames);
        PromptStateFile.Load(learner, c.PromptsPath);
        return learner;
    }
}
