namespace MaPLe.Data.Sampling;

/// <summary>Upstream's base/novel split, <c>OxfordPets.subsample_classes</c>.</summary>
public static class ClassSubsampler
{
    /// <summary>
    /// The labels <paramref name="subset"/> keeps, in sorted order (their new labels are their positions): the distinct
    /// labels of <paramref name="reference"/> sorted; base = the first ⌈n/2⌉, novel = the rest.
    /// </summary>
    public static IReadOnlyList<int> SelectLabels(IEnumerable<ImageItem> reference, ClassSubset subset)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var labels = reference.Select(i => i.Label).Distinct().Order().ToArray();
        int m = (labels.Length + 1) / 2; // ceil(n / 2)
        return subset switch
        {
            ClassSubset.All => labels,
            ClassSubset.Base => labels[..m],
            ClassSubset.Novel => labels[m..],
            _ => throw new ArgumentOutOfRangeException(nameof(subset), subset, "Unknown class subset."),
        };
    }

    /// <summary>
    /// Applies the split to every set: labels are chosen from the first set (the few-shot training set), items of other
    /// classes are dropped and the kept labels renumbered 0.. in sorted order; class names travel with the items.
    /// <see cref="ClassSubset.All"/> returns the sets unchanged.
    /// </summary>
    public static IReadOnlyList<ImageItem>[] Apply(ClassSubset subset, params IReadOnlyList<ImageItem>[] sets)
    {
        ArgumentNullException.ThrowIfNull(sets);
        if (sets.Length == 0)
            throw new ArgumentException("At least one set is needed.", nameof(sets));
        if (subset == ClassSubset.All)
            return sets;
        var selected = SelectLabels(sets[0], subset);
        var relabel = new Dictionary<int, int>(selected.Count);
        for (int i = 0; i < selected.Count; i++)
            relabel.Add(selected[i], i);
        var output = new IReadOnlyList<ImageItem>[sets.Length];
        for (int s = 0; s < sets.Length; s++)
        {
            var kept = new List<ImageItem>();
            foreach (var item in sets[s])
                if (relabel.TryGetValue(item.Label, out int newLabel))
                    kept.Add(item with { Label = newLabel });
            output[s] = kept;
        }
        return output;
    }
}
