namespace MaPLe.Tokenization;

/// <summary>
/// Options of <see cref="BpeTrainer"/>. Give the size either as <see cref="MergeCount"/> or as
/// <see cref="VocabularySize"/> (= 512 + merges + 2), not both.
/// </summary>
public sealed record BpeTrainerOptions
{
    /// <summary>Merges to learn (at most <see cref="ClipTokenizer.OpenAiMergeCount"/>); fewer when the corpus runs out of pairs.</summary>
    public int? MergeCount { get; init; }

    /// <summary>Target vocabulary size, 514..49,408; the number of merges is this minus 514.</summary>
    public int? VocabularySize { get; init; }

    /// <summary>Training stops when the most frequent pair occurs fewer times than this (default 2).</summary>
    public int MinFrequency { get; init; } = 2;

    /// <summary>The number of merges to learn, from <see cref="MergeCount"/> or <see cref="VocabularySize"/>.</summary>
    public int TargetMergeCount => MergeCount ?? (VocabularySize ?? 0) - 514;

    /// <summary>Checks the options and reports every problem at once.</summary>
    /// <exception cref="ArgumentException">The options are inconsistent or out of range.</exception>
    public void Validate()
    {
        var problems = new List<string>();
        if (MergeCount is null == VocabularySize is null)
            problems.Add($"set exactly one of {nameof(MergeCount)} and {nameof(VocabularySize)}");
        if (MergeCount is < 0 or > ClipTokenizer.OpenAiMergeCount)
            problems.Add($"{nameof(MergeCount)} is {MergeCount}; it must be 0..{ClipTokenizer.OpenAiMergeCount}");
        if (VocabularySize is < 514 or > ClipTokenizer.OpenAiVocabularySize)
        {
            problems.Add($"{nameof(VocabularySize)} is {VocabularySize}; it must be 514 (no merges) .." +
                $"{ClipTokenizer.OpenAiVocabularySize}");
        }

        if (MinFrequency < 1)
            problems.Add($"{nameof(MinFrequency)} is {MinFrequency}; it must be at least 1");
        if (problems.Count > 0)
            throw new ArgumentException($"Invalid {nameof(BpeTrainerOptions)}: {string.Join("; ", problems)}.");
    }
}
