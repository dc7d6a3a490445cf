using MaPLe.Clip;
using MaPLe.Prompting.Components;
using MaPLe.Tokenization;

namespace MaPLe.Prompting.DeepLanguage;

/// <summary>
/// Deep language prompting: IVLP's text side alone (see <see cref="TowerPromptLearner"/> with no vision prompts), under
/// the same state-dict names.
/// </summary>
public sealed class DeepLanguagePromptLearner : TowerPromptLearner
{
    /// <summary>Builds deep language prompting on <paramref name="backbone"/> for <paramref name="classNames"/>.</summary>
    public DeepLanguagePromptLearner(IClipBackbone backbone, IClipTokenizer tokenizer, IReadOnlyList<string> classNames, DeepLanguageOptions options)
        : base(nameof(DeepLanguagePromptLearner), backbone, tokenizer, classNames, options, (options ?? throw new ArgumentNullException(nameof(options))).Shape)
    {
    }
}
