using System.Collections.Concurrent;
using System.Text.Json;
using MaPLe.Prompting.MaPLe;

namespace MaPLe.Prompting;

/// <summary>
/// Maps method identifiers (<c>maple</c>, <c>coop</c>, ...) to their options types, so prompt files can record and
/// restore the options they were trained with. A new method registers its options type once.
/// </summary>
public static class PromptMethodRegistry
{
    private static readonly ConcurrentDictionary<string, Type> Types = new(StringComparer.OrdinalIgnoreCase);
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    static PromptMethodRegistry()
    {
        Register<MaPLeOptions>("maple");
    }

    /// <summary>Registers (or replaces) the options type of <paramref name="method"/>.</summary>
    public static void Register<TOptions>(string method) where TOptions : PromptMethodOptions => Types[method] = typeof(TOptions);

    /// <summary>The registered method identifiers.</summary>
    public static IReadOnlyCollection<string> Methods => Types.Keys.Order(StringComparer.Ordinal).ToList();

    /// <summary>Serializes options to JSON (the concrete record's properties).</summary>
    public static string Serialize(PromptMethodOptions options) => JsonSerializer.Serialize(options, options.GetType(), Json);

    /// <summary>Restores options of <paramref name="method"/> from JSON.</summary>
    /// <exception cref="PromptStateException">Unknown method or unreadable JSON.</exception>
    public static PromptMethodOptions Deserialize(string method, string json)
    {
        if (!Types.TryGetValue(method, out var type))
            throw new PromptStateException($"Unknown prompt method '{method}'. Known: {string.Join(", ", Methods)}.");
        try
        {
            return (PromptMethodOptions?)JsonSerializer.Deserialize(json, type, Json)
                ?? throw new PromptStateException($"Options of '{method}' are empty.");
        }
        catch (JsonException e)
        {
            throw new PromptStateException($"Options of '{method}' cannot be read: {e.Message}");
        }
    }
}
