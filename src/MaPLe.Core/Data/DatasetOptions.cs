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

    /// <summary>Seed for creating a missing split; null uses <see cref="Seed"/>.</summary>
    public int? SplitSeed { get; init; }

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
