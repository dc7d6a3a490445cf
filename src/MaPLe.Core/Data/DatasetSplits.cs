namespace MaPLe.Data;

/// <summary>
/// The fixed train / val / test split of a dataset as read from disk, before few-shot sampling and class subsampling.
/// </summary>
/// <param name="Train">Training items (empty for test-only datasets).</param>
/// <param name="Val">Validation items (may be empty).</param>
/// <param name="Test">Test items.</param>
/// <param name="ValIsTest">
/// True where upstream uses the test set as validation set (ImageNet): few-shot sampling then leaves it whole and class
/// subsampling keeps it equal to the test set.
/// </param>
public sealed record DatasetSplits(
    IReadOnlyList<ImageItem> Train,
    IReadOnlyList<ImageItem> Val,
    IReadOnlyList<ImageItem> Test,
    bool ValIsTest = false);
