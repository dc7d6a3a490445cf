using MaPLe.Clip;
using MaPLe.Tokenization;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MaPLe.Prompting.MaPLe;

/// <summary>
/// MaPLe's prompt learner: context vectors <c>ctx</c> replace the text positions after SOT and, through the coupling, become
/// the vision prompts appended after the patch tokens; <c>compound_prompts_text[i]</c> replace text positions 1..n at layer
/// i+1 and, through <c>compound_prompt_projections[i]</c>, the last n vision tokens at layer i+1 (reference §2.2–2.4).
/// </summary>
public sealed class MultiModalPromptLearner : PromptLearnerBase
{
    private readonly MaPLeOptions _options;

    /// <summary>Shared first-layer context <c>[n, d_text]</c>.</summary>
    public readonly Parameter ctx;

    /// <summary>Deep text prompts of layers 1..J-1, each <c>[n, d_text]</c>.</summary>
    public readonly ParameterList compound_prompts_text;

    /// <summary>The text → vision coupling.</summary>
    public readonly nn.Module coupling;

    /// <summary>Builds MaPLe on <paramref name="backbone"/> for <paramref name="classNames"/>.</summary>
    public MultiModalPromptLearner(IClipBackbone backbone, IClipTokenizer tokenizer, IReadOnlyList<string> classNames, MaPLeOptions options)
        : base(nameof(MultiModalPromptLearner), backbone, tokenizer, options)
    {
        _options = options;
        int n = options.PromptLength;
        int dt = backbone.Config.Text.Width;
        int dv = backbone.Config.Vision.Width;
        if (options.UsesInitText)
        {
            string init = PromptText.CleanInit(options.ContextInit);
            ctx = new Parameter(EmbedInitWords(init, n));
        }
        else
        {
            ctx = new Parameter(normal(0, 0.02, [n, dt]));
        }
        compound_prompts_text = new ParameterList();
        for (int i = 0; i < options.PromptDepth - 1; i++)
            compound_prompts_text.Add(new Parameter(normal(0, 0.02, [n, dt])));
        coupling = options.SharedCoupling
            ? new SharedLinearCoupling(dt, dv)
            : new LinearCoupling(dt, dv, options.PromptDepth);
        Initialize(classNames);
    }

    /// <summary>The coupling function.</summary>
    public ICouplingFunction Coupling => (ICouplingFunction)coupling;

    /// <inheritdoc />
    protected override string ClassPromptPrefix => _options.ClassPromptPrefix;

    /// <inheritdoc />
    protected override IEnumerable<(string Name, Parameter Parameter)> NamedTrainableParameters()
    {
        yield return ("prompt_learner.ctx", ctx);
        var coupled = Coupling.NamedParameters().ToList();
        foreach (var p in coupled.Where(p => p.Name.StartsWith("prompt_learner.proj.", StringComparison.Ordinal)))
            yield return p;
        for (int i = 0; i < compound_prompts_text.Count; i++)
            yield return ($"prompt_learner.compound_prompts_text.{i}", compound_prompts_text[i]);
        foreach (var p in coupled.Where(p => !p.Name.StartsWith("prompt_learner.proj.", StringComparison.Ordinal)))
            yield return p;
    }

    /// <inheritdoc />
    protected override Tensor BuildTextEmbeddings() => ClassPrompts.WithContext(ctx);

    /// <inheritdoc />
    protected override TextPrompts? BuildTextPrompts()
    {
        if (compound_prompts_text.Count == 0) return null;
        var deep = new Dictionary<int, Tensor>();
        for (int i = 0; i < compound_prompts_text.Count; i++)
            deep[i + 1] = compound_prompts_text[i];
        return new TextPrompts(deep);
    }

    /// <inheritdoc />
    protected override VisionPrompts BuildVisionPrompts()
    {
        var deep = new Dictionary<int, Tensor>();
        for (int i = 0; i < compound_prompts_text.Count; i++)
            deep[i + 1] = Coupling.Map(compound_prompts_text[i], i + 1);
        return new VisionPrompts(Coupling.Map(ctx, 0), deep);
    }
}
