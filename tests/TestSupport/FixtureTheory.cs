namespace MaPLe.Tests.TestSupport;

/// <summary>
/// Fixture sets may hold only some parts (MANIFEST.md). xunit fails a theory without rows, so a data source that finds
/// nothing yields one placeholder row, and the test returns at once for it.
/// </summary>
public static class FixtureTheory
{
    private const string Prefix = "(none: ";

    /// <summary>Adds a placeholder row when <paramref name="data"/> is empty.</summary>
    public static TheoryData<string> OrPlaceholder(this TheoryData<string> data, string part)
    {
        if (data.Count == 0) data.Add($"{Prefix}this fixture set has no {part})");
        return data;
    }

    /// <summary>Whether a row is the placeholder.</summary>
    public static bool IsPlaceholder(string row) => row.StartsWith(Prefix, StringComparison.Ordinal);
}
