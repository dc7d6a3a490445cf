namespace MaPLe.Data.Sampling;

/// <summary>
/// Upstream's <c>DatasetBase.generate_fewshot_dataset</c>: per class, K items drawn with Python's <c>random.sample</c>.
/// </summary>
public static class FewShotSampler
{
    /// <summary>
    /// Groups <paramref name="items"/> by label in order of first appearance and draws <paramref name="shots"/> items per
    /// group with <c>random.sample</c>; a group with fewer items is kept whole (or, with <paramref name="repeat"/>, filled
    /// with <c>random.choices</c> as old Dassl versions did). <paramref name="shots"/> &lt; 1 returns the items unchanged.
    /// </summary>
    /// <remarks>
    /// Upstream calls this for train with K and then for val with min(K, 4) on one generator: right after
    /// <c>random.seed(seed)</c>, or right after shuffling a split it had to create;
    /// <see cref="SampleTrainAndVal(IReadOnlyList{ImageItem}, IReadOnlyList{ImageItem}, int, int, PythonRandom, bool)"/>
    /// does exactly that.
    /// </remarks>
    public static IReadOnlyList<ImageItem> Sample(IReadOnlyList<ImageItem> items, int shots, PythonRandom random, bool repeat = false)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(random);
        if (shots < 1)
            return items;
        var groups = new List<List<ImageItem>>();
        var byLabel = new Dictionary<int, List<ImageItem>>();
        foreach (var item in items)
        {
            if (!byLabel.TryGetValue(item.Label, out var group))
            {
                group = [];
                byLabel.Add(item.Label, group);
                groups.Add(group);
            }
            group.Add(item);
        }
        var result = new List<ImageItem>(groups.Count * shots);
        foreach (var group in groups)
        {
            if (group.Count >= shots)
                result.AddRange(random.Sample(group, shots));
            else if (repeat)
                result.AddRange(random.Choices(group, shots));
            else
                result.AddRange(group);
        }
        return result;
    }

    /// <summary>
    /// The few-shot train and val sets exactly as upstream builds <c>shot_{K}-seed_{seed}.pkl</c>: a fresh generator seeded
    /// with <paramref name="seed"/>, train sampled with K shots, then (unless <paramref name="sampleVal"/> is false, as for
    /// ImageNet) val with min(K, 4) shots from the same generator.
    /// </summary>
    public static FewShotSplit SampleTrainAndVal(IReadOnlyList<ImageItem> train, IReadOnlyList<ImageItem> val, int shots, int seed, bool sampleVal = true) =>
        SampleTrainAndVal(train, val, shots, seed, new PythonRandom(seed), sampleVal);

    /// <summary>
    /// As <see cref="SampleTrainAndVal(IReadOnlyList{ImageItem}, IReadOnlyList{ImageItem}, int, int, bool)"/>, drawing from
    /// <paramref name="random"/> where it stands: upstream samples right after creating a missing split, from the same
    /// Python <c>random</c> stream the split was shuffled with. <paramref name="seed"/> is recorded in the result.
    /// </summary>
    public static FewShotSplit SampleTrainAndVal(IReadOnlyList<ImageItem> train, IReadOnlyList<ImageItem> val, int shots, int seed,
        PythonRandom random, bool sampleVal = true)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(val);
        ArgumentNullException.ThrowIfNull(random);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(shots);
        var fewTrain = Sample(train, shots, random);
        var fewVal = sampleVal ? Sample(val, Math.Min(shots, 4), random) : val;
        return new FewShotSplit(shots, seed, fewTrain, fewVal);
    }
}
