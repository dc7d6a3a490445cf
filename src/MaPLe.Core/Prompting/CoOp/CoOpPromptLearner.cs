using MaPLe.Clip;
using MaPLe.Prompting.Components;
using MaPLe.Tokenization;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MaPLe.Prompting.CoOp;

/// <summary>
/// CoOp's prompt learner (upstream <c>PromptLearner</c> of <c>trainers/coop.py</c>): learned context vectors <c>ctx</c>
/// (<c>[n, d_text]</c>, or <c>[C, n, d_text]</c> class-specific) replace the prefix tokens of every class prompt; the
/// class name goes at the end, in the middle or in front. Text only: images go through the plain frozen tower.
/// </summary>
public sealed class CoOpPromptLearner : PromptLearnerBase
{
    private readonly CoOpOptions _options;
    private ClassTokenLayout? _layout;

    /// <summary>The learned context.</summary>
    public readonly Parameter ctx;

    /// <summary>Builds CoOp on <paramref name="backbone"/> for <paramref name="classNames"/>.</summary>
    public CoOpPromptLearner(IClipBackbone backbone, IClipTokenizer tokenizer, IReadOnlyList<string> classNames, CoOpOptions options)
        : base(nameof(CoOpPromptLearner), backbone, tokenizer, options)
    {
        ArgumentNullException.ThrowIfNull(classNames);
        _options = options;
        int n = options.EffectivePromptLength;
        int d = backbone.Config.Text.Width;
        if (options.UsesInitText)
            ctx = new Parameter(EmbedInitWords(options.InitText, n));
        else
            ctx = new Parameter(LearnedContext.Random(n, d, options.UsesClassSpecificContext ? classNames.Count : null));
        Initialize(classNames);
    }

    /// <summary>Number of learned context tokens (N_CTX in effect).</summary>
    public int PromptLength => _options.EffectivePromptLength;

    /// <summary>Former name of <see cref="PromptLength"/>.</summary>
    [Obsolete("Renamed to PromptLength (N_CTX), so it is not confused with the text context length.")]
    public int ContextLength => PromptLength;

    /// <inheritdoc />
    protected override string ClassPromptPrefix => _options.ClassPromptPrefix;

    /// <inheritdoc />
    protected override IEnumerable<(string Name, Parameter Parameter)> NamedTrainableParameters()
    {
        yield return ("prompt_learner.ctx", ctx);
    }

    /// <summary>
    /// Switches classes. Class-specific contexts belong to the classes they were trained for, so with CSC the new set must
    /// have as many classes (upstream cannot load such a context for another class count either).
    /// </summary>
    public override void SetClassNames(IReadOnlyList<string> classNames)
    {
        ArgumentNullException.ThrowIfNull(classNames);
        LearnedContext.EnsureServes("CoOp", ctx, _options.UsesClassSpecificContext, classNames.Count);
        base.SetClassNames(classNames);
        var next = ClassTokenLayout.ForClasses(_options.ClassTokenPosition, PromptLength, Tokenizer, classNames, ClassPrompts.Embeddings.shape[1], Backbone.Device);
        _layout?.Dispose();
        _layout = next;
    }

    /// <inheritdoc />
    protected override Tensor BuildTextEmbeddings()
    {
        using var scope = NewDisposeScope();
        var end = ClassPrompts.WithContext(ctx);
        return (_layout is null ? end : _layout.Apply(end)).MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _layout?.Dispose();
            _layout = null;
        }
        base.Dispose(disposing);
    }
}
