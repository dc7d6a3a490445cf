using System.CommandLine;
using System.Globalization;

namespace MaPLe.Cli.Sharding;

/// <summary>
/// <c>--shard k/n</c>: part k (1-based) of n of a command's inputs. The inputs, in their stable order (image paths
/// sorted, a dataset's test list as listed), are cut into the command's batches and batch j goes to part
/// <c>j mod n + 1</c>. Whole batches keep every image in the batch it has in a single process, so each part computes
/// the same numbers a single process computes, and <c>maple merge</c> reproduces a single process's output byte for byte.
/// </summary>
/// <param name="Index">k, 1 to <paramref name="Count"/>.</param>
/// <param name="Count">n, at least 1.</param>
public sealed record ShardSpec(int Index, int Count)
{
    /// <summary>The option, for commands that take it.</summary>
    public static Option<string?> Option() => new("--shard") { Description = "process part k of n (e.g. 2/8): whole batches, batch j to part j mod n + 1; write it with -o and join the parts with 'maple merge'" };

    /// <summary>Parses <c>k/n</c>.</summary>
    /// <exception cref="ArgumentException">Not of that form, or k outside 1..n.</exception>
    public static ShardSpec Parse(string text)
    {
        var parts = text.Split('/');
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int k)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int n)
            && n >= 1 && k >= 1 && k <= n)
            return new ShardSpec(k, n);
        throw new ArgumentException($"--shard must be k/n with 1 ≤ k ≤ n (e.g. 1/4), not '{text}'.");
    }

    /// <summary>The positions (0-based, ascending) of this part's items among <paramref name="total"/> items in batches of <paramref name="batchSize"/>.</summary>
    public IReadOnlyList<int> Positions(int total, int batchSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        var positions = new List<int>();
        for (int batch = Index - 1; (long)batch * batchSize < total; batch += Count)
            for (int i = batch * batchSize; i < Math.Min(total, (batch + 1) * batchSize); i++)
                positions.Add(i);
        return positions;
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Index}/{Count}");
}
