using MaPLe.Clip;
using MaPLe.Tokenization;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MaPLe.Prompting.Components;

/// <summary>
/// A learned text context around each class name (upstream CoOp's <c>PromptLearner</c>), the learner of CoOp and of
/// the methods built on it: one parameter <c>ctx</c> (<c>[n, d_text]</c>, or <c>[C, n, d_text]</c> class-specific) in
/// place of the prefix tokens of every class prompt, the class name at the end, in the middle or in front. Text only:
/// images go through the plain frozen tower. A method adds its loss or gradient rule on top.
/// </summary>
public abstract class ContextPromptLearner : PromptLearnerBase
{
    private readonly ContextPromptShape _shape;
    private ClassTokenLayout? _layout;

    /// <summary>The learned context.</summary>
    public readonly Parameter ctx;

    private protected ContextPromptLearner(string name, IClipBackbone backbone, IClipTokenizer tokenizer, IReadOnlyList<string> classNames,
        PromptMethodOptions options, ContextPromptShape shape)
        : base(name, backbone, tokenizer, options)
    {
        ArgumentNullException.ThrowIfNull(classNames);
        _shape = shape;
        ctx = new Parameter(shape.InitWords is { } words
            ? InitialContext(words, shape.InitTokens)
            : LearnedContext.Random(shape.PromptLength, backbone.Config.Text.Width, shape.ClassSpecific ? classNames.Count : null));
    }

    /// <inheritdoc />
    protected sealed override string ClassPromptPrefix => _shape.ClassPromptPrefix;

    /// <inheritdoc />
    protected sealed override IEnumerable<(string Name, Parameter Parameter)> NamedTrainableParameters()
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
        LearnedContext.EnsureServes(_shape.MethodName, ctx, _shape.ClassSpecific, classNames.Count);
        base.SetClassNames(classNames);
        var next = ClassTokenLayout.ForClasses(_shape.ClassTokenPosition, _shape.PromptLength, Tokenizer, classNames, ClassPrompts.Embeddings.shape[1], Backbone.Device);
        _layout?.Dispose();
        _layout = next;
    }

    /// <inheritdoc />
    protected sealed override Tensor BuildTextEmbeddings()
    {
        using var scope = NewDisposeScope();
        var end = ClassPrompts.WithContext(ctx);
        return (_layout is null ? end : _layout.Apply(end)).MoveToOuterDisposeScope();
    }

    // Zeros, the last k rows the embeddings of the first k tokens of the init words (k = n for CoOp and KgCoOp; ProGrad's
    // template may be shorter than its context).
    private Tensor InitialContext(string words, int tokens)
    {
        var init = zeros(_shape.PromptLength, Backbone.Config.Text.Width);
        using var embedded = EmbedInitWords(words, tokens);
        init.narrow(0, _shape.PromptLength - tokens, tokens).copy_(embedded);
        return init;
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
