namespace MaPLe.Data;

/// <summary>Which classes to keep (upstream <c>DATASET.SUBSAMPLE_CLASSES</c>).</summary>
public enum ClassSubset
{
    /// <summary>All classes, labels unchanged (<c>"all"</c>).</summary>
    All,

    /// <summary>The first ⌈n/2⌉ labels of the sorted training labels, relabelled from 0 (<c>"base"</c>).</summary>
    Base,

    /// <summary>The remaining labels, relabelled from 0 (upstream <c>"new"</c>).</summary>
    Novel,
}

/// <summary>Parsing of <see cref="ClassSubset"/> from upstream's config strings.</summary>
public static class ClassSubsets
{
    /// <summary>Parses "all", "base", "new" or "novel" (case-insensitive).</summary>
    /// <exception cref="ArgumentException">Any other value.</exception>
    public static ClassSubset Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Trim().ToLowerInvariant() switch
        {
            "all" => ClassSubset.All,
            "base" => ClassSubset.Base,
            "new" or "novel" => ClassSubset.Novel,
            _ => throw new ArgumentException($"Unknown class subset '{value}': use all, base or new.", nameof(value)),
        };
    }
}
