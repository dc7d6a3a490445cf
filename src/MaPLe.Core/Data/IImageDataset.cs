namespace MaPLe.Data;

/// <summary>A labelled image dataset with the train / val / test splits of the CoOp/MaPLe benchmark.</summary>
public interface IImageDataset
{
    /// <summary>The dataset's name (e.g. "EuroSAT").</summary>
    string Name { get; }

    /// <summary>Class names indexed by label.</summary>
    IReadOnlyList<string> ClassNames { get; }

    /// <summary>Training items (may be empty for test-only datasets).</summary>
    IReadOnlyList<ImageItem> Train { get; }

    /// <summary>Validation items (may be empty).</summary>
    IReadOnlyList<ImageItem> Val { get; }

    /// <summary>Test items.</summary>
    IReadOnlyList<ImageItem> Test { get; }
}
