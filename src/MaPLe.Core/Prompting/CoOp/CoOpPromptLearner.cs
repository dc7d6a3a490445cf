using MaPLe.Clip;
using MaPLe.Prompting.Components;
using MaPLe.Tokenization;

namespace MaPLe.Prompting.CoOp;

/// <summary>
/// CoOp's prompt learner (upstream <c>PromptLearner</c> of <c>trainers/coop.py</c>): learned context vectors <c>ctx</c>
/// (<c>[n, d_text]</c>, or <c>[C, n, d_text]</c> class-specific) replace the prefix tokens of every class prompt; the
/// class name goes at the end, in the middle or in front. Text only: images go through the plain frozen tower.
/// </summary>
public sealed class CoOpPromptLearner : ContextPromptLearner
{
    private readonly CoOpOptions _options;

    /// <summary>Builds CoOp on <paramref name="backbone"/> for <paramref name="classNames"/>.</summary>
    public CoOpPromptLearner(IClipBackbone backbone, IClipTokenizer tokenizer, IReadOnlyList<string> classNames, CoOpOptions options)
        : base(nameof(CoOpPromptLearner), backbone, tokenizer, classNames, options, Shape(options))
    {
        _options = options;
        Initialize(classNames);
    }

    /// <summary>Number of learned context tokens (N_CTX in effect).</summary>
    public int PromptLength => _options.EffectivePromptLength;

    /// <summary>Former name of <see cref="PromptLength"/>.</summary>
    [Obsolete("Renamed to PromptLength (N_CTX), so it is not confused with the text context length.")]
    public int ContextLength => PromptLength;

    private static ContextPromptShape Shape(CoOpOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        int n = options.EffectivePromptLength;
        return new ContextPromptShape("CoOp", n, options.UsesClassSpecificContext, options.ClassTokenPosition, options.ClassPromptPrefix,
            options.UsesInitText ? options.InitText : null, n);
    }
}
