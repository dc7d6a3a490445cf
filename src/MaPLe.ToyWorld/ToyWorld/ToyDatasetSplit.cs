namespace MaPLe.ToyWorld;

/// <summary>A split of a <see cref="ToyWorldDataset"/>.</summary>
public enum ToyDatasetSplit
{
    /// <summary>Training items.</summary>
    Train,
    /// <summary>Validation items.</summary>
    Val,
    /// <summary>Test items.</summary>
    Test,
}
