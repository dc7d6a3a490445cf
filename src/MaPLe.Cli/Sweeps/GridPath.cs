using System.Text.Json.Nodes;

namespace MaPLe.Cli.Sweeps;

/// <summary>Typed access to a grid document's values with errors that name the file and the key.</summary>
/// <param name="Source">The grid file.</param>
public sealed record GridPath(string Source)
{
    /// <summary>An error about <paramref name="key"/>.</summary>
    public SweepFileException Error(string key, string problem) =>
        new(Source, $"Grid file '{Source}': {(key.Length == 0 ? "" : key + ": ")}{problem}.");

    /// <summary>Refuses keys other than <paramref name="allowed"/> (typos would otherwise be ignored silently).</summary>
    public void OnlyKeys(JsonObject node, IReadOnlyList<string> allowed, string parent)
    {
        foreach (var (key, _) in node)
            if (!allowed.Contains(key, StringComparer.Ordinal))
                throw Error(Join(parent, key), $"unknown key; known keys here: {string.Join(", ", allowed)}");
    }

    /// <summary>An optional string value.</summary>
    public string? Text(JsonObject node, string key, string parent)
    {
        var value = node[key];
        if (value is null) return null;
        if (value is JsonValue v && v.TryGetValue(out string? s) && !string.IsNullOrWhiteSpace(s)) return s;
        throw Error(Join(parent, key), "must be a non-empty text");
    }

    /// <summary>An integer value.</summary>
    public int Integer(JsonNode? node, string key)
    {
        if (node is JsonValue v)
        {
            if (v.TryGetValue(out long l) && l is >= int.MinValue and <= int.MaxValue) return (int)l;
            if (v.TryGetValue(out int i)) return i;
            if (v.TryGetValue(out double d) && d == Math.Floor(d) && Math.Abs(d) <= int.MaxValue) return (int)d;
        }
        throw Error(key, "must be a whole number");
    }

    /// <summary>One integer or a list of integers (<c>seeds: [1, 2, 3]</c> or <c>shots: 16</c>).</summary>
    public IReadOnlyList<int> Integers(JsonObject node, string key, IReadOnlyList<int> fallback)
    {
        var value = node[key];
        if (value is null) return fallback;
        var list = value is JsonArray a ? a.Select((n, i) => Integer(n, $"{key}[{i}]")).ToList() : [Integer(value, key)];
        if (list.Count == 0) throw Error(key, "must hold at least one value");
        return list;
    }

    /// <summary>A list (a single value counts as a list of one).</summary>
    public IReadOnlyList<JsonNode?> List(JsonObject node, string key, string parent, bool required)
    {
        var value = node[key];
        if (value is null)
            return required ? throw Error(Join(parent, key), "missing") : [];
        var list = value is JsonArray a ? a.ToList() : [value];
        if (required && list.Count == 0) throw Error(Join(parent, key), "must hold at least one entry");
        return list;
    }

    private static string Join(string parent, string key) => parent.Length == 0 ? key : $"{parent}.{key}";
}
