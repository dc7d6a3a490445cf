namespace MaPLe.Data;

/// <summary>How <see cref="Datasets"/> builds a dataset (upstream <c>DATASET.NUM_SHOTS</c>, <c>SEED</c>, <c>SUBSAMPLE_CLASSES</c>).</summary>
public sealed record DatasetOptions
{
    /// <summary>Shots per class K; 0 or negative keeps every training item (upstream default -1).</summary>
    public int NumShots { get; init; } = -1;

    /// <summary>Seed of the few-shot sampling (upstream <c>--seed</c>; the papers use 1, 2, 3).</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Which classes to keep (base/novel protocol).</summary>
    public ClassSubset Subsample { get; init; } = ClassSubset.All;

    /// <summary>
    /// When a <c>split_zhou_*.json</c> is missing: true (default, as upstream) creates a random split seeded with
    /// <see cref="SplitSeed"/> and saves it; false throws naming the file to download.
    /// </summary>
    public bool CreateMissingSplit { get; init; } = true;

    /// <summary>
    /// Seed for creating a missing split; null (default) uses <see cref="Seed"/> and, as upstream's single Python
    /// <c>random</c> stream does, continues that split's generator for the few-shot draw, so the run that creates the split
    /// gives upstream's lists. A separate split seed gives the split a generator of its own and the few-shot draw a fresh
    /// one seeded with <see cref="Seed"/>: the lists then equal an upstream run with <see cref="Seed"/> on a split file that
    /// an earlier upstream run with the split seed created.
    /// </summary>
    public int? SplitSeed { get; init; }

    /// <summary>
    /// List each folder's image files in the file system's own order (upstream's <c>os.listdir</c>) instead of sorted by
    /// name. Off by default: sorted lists make splits and few-shot draws the same on every machine, while upstream's
    /// differ between file systems. Turn it on only to reproduce an upstream run on the same machine and folder.
    /// </summary>
    public bool FileSystemOrder { get; init; }

    /// <summary>
    /// Read the few-shot lists from <c>shot_{K}-seed_{S}.json</c> when it exists, else sample and save them there (as
    /// upstream's pkl cache). False samples every time and writes nothing.
    /// </summary>
    public bool CacheFewShot { get; init; } = true;

    /// <summary>Folder of the few-shot files; null = <c>&lt;dataset folder&gt;/split_fewshot</c> (upstream's place).</summary>
    public string? FewShotDirectory { get; init; }

    /// <summary>Check that every listed image file exists (upstream's <c>Datum</c> does); off by default for speed.</summary>
    public bool VerifyImageFiles { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid option.</summary>
    public void Validate()
    {
        if (!Enum.IsDefined(Subsample))
            throw new ArgumentException($"Subsample {Subsample} is not a ClassSubset value.", nameof(Subsample));
        if (FewShotDirectory is not null && string.IsNullOrWhiteSpace(FewShotDirectory))
            throw new ArgumentException("FewShotDirectory must be null or a folder path.", nameof(FewShotDirectory));
    }
}
