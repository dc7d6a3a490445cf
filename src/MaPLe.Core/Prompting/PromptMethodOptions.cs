namespace MaPLe.Prompting;

/// <summary>Base of every method's options record: validation against the backbone happens in <see cref="Validate"/>.</summary>
public abstract record PromptMethodOptions
{
    /// <summary>The method identifier (<c>maple</c>, <c>coop</c>, ...).</summary>
    public abstract string Method { get; }

    /// <summary>Returns every problem with these options for a backbone of <paramref name="config"/> (empty when valid).</summary>
    public abstract IEnumerable<string> Validate(Clip.ClipConfig config);

    /// <summary>The texts this method tokenizes for a class (used to check that every class prompt fits the context).</summary>
    public abstract IEnumerable<string> ClassPromptTexts(string className);

    /// <summary>Creates this method's learner on a frozen backbone for <paramref name="classNames"/>.</summary>
    public abstract IPromptLearner CreateLearner(Clip.IClipBackbone backbone, Tokenization.IClipTokenizer tokenizer, IReadOnlyList<string> classNames);
}
