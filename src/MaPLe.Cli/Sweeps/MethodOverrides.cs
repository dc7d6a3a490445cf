using System.Text.Json.Nodes;
using MaPLe.Prompting;

namespace MaPLe.Cli.Sweeps;

/// <summary>A grid's <c>options:</c> applied over the registry's defaults of a method, through the registry's own JSON form.</summary>
public static class MethodOverrides
{
    /// <summary>The options as the registry serializes them (what a spec records).</summary>
    public static JsonObject ToJson(PromptMethodOptions options) => (JsonObject)JsonNode.Parse(PromptMethodRegistry.Serialize(options))!;

    /// <summary>Returns <paramref name="options"/> with <paramref name="overrides"/> applied; option names match case-insensitively, '_' and '-' ignored.</summary>
    /// <exception cref="SweepFileException">An unknown option or a value of the wrong type, named with <paramref name="key"/>.</exception>
    public static PromptMethodOptions Apply(PromptMethodOptions options, JsonObject overrides, string key, GridPath at)
    {
        var json = ToJson(options);
        // Only settable options: the registry's JSON also carries derived, read-only values (the method id, ...).
        var settable = options.GetType().GetProperties().Where(p => p.CanWrite).Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        var names = json.Select(p => p.Key).Where(settable.Contains).ToList();
        foreach (var (name, value) in overrides)
        {
            string? match = names.FirstOrDefault(n => Simplify(n) == Simplify(name));
            if (match is null)
                throw at.Error($"{key}.{name}", $"method '{options.Method}' has no such option; its options: {string.Join(", ", names.Select(Camel))}");
            json[match] = value?.DeepClone();
        }
        try
        {
            return PromptMethodRegistry.Deserialize(options.Method, json.ToJsonString());
        }
        catch (PromptStateException e)
        {
            throw at.Error(key, e.Message);
        }
    }

    /// <summary>Restores options recorded by <see cref="ToJson"/>.</summary>
    public static PromptMethodOptions FromJson(string method, JsonObject json) => PromptMethodRegistry.Deserialize(method, json.ToJsonString());

    internal static string Simplify(string name) => name.Replace("_", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal).ToLowerInvariant();

    internal static string Camel(string name) => name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name[1..];
}
