namespace MaPLe.ToyWorld;

/// <summary>
/// A base-to-novel class split of the toy world. The novel classes are exactly the combinations held out of
/// pretraining: a model pretrained without <see cref="Holdout"/> has seen every novel colour and every novel shape, but
/// never together.
/// </summary>
/// <param name="BaseClasses">Classes prompts are trained on (seen as pairs in pretraining).</param>
/// <param name="NovelClasses">Classes only evaluated (never seen as pairs).</param>
public sealed record ToyClassSplit(IReadOnlyList<ToyColorShape> BaseClasses, IReadOnlyList<ToyColorShape> NovelClasses)
{
    /// <summary>The combinations to hold out of pretraining: the novel classes.</summary>
    public IReadOnlyList<ToyColorShape> Holdout => NovelClasses;

    /// <summary>
    /// Base classes then novel classes. With equal counts this matches upstream MaPLe's <c>subsample_classes</c>, which
    /// takes the first half of the labels as "base" and the rest as "new".
    /// </summary>
    public IReadOnlyList<ToyColorShape> AllClasses => [.. BaseClasses, .. NovelClasses];

    /// <summary>Whether <paramref name="combination"/> is a novel (held-out) class.</summary>
    public bool IsNovel(ToyColorShape combination) => NovelClasses.Contains(combination);
}
