using MaPLe.Clip;
using MaPLe.Prompting.Components;
using MaPLe.Tokenization;

namespace MaPLe.Prompting.IndependentVL;

/// <summary>
/// IVLP's prompt learner: independent deep prompts in the text and image towers (see <see cref="TowerPromptLearner"/>).
/// </summary>
public sealed class IndependentVLPromptLearner : TowerPromptLearner
{
    /// <summary>Builds IVLP on <paramref name="backbone"/> for <paramref name="classNames"/>.</summary>
    public IndependentVLPromptLearner(IClipBackbone backbone, IClipTokenizer tokenizer, IReadOnlyList<string> classNames, IndependentVLOptions options)
        : base(nameof(IndependentVLPromptLearner), backbone, tokenizer, classNames, options, (options ?? throw new ArgumentNullException(nameof(options))).Shape) =>
        Shape = options;

    /// <summary>The options in effect.</summary>
    public IndependentVLOptions Shape { get; }
}
