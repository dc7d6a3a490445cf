using System.Collections.Concurrent;
using System.Text.Json;

namespace MaPLe.Prompting;

/// <summary>
/// Maps method identifiers (<c>maple</c>, <c>coop</c>, ...) to their options types, so prompt files can record and
/// restore the options they were trained with. Every concrete <see cref="PromptMethodOptions"/> of this assembly is
/// found automatically; methods from other assemblies call <see cref="Register{TOptions}"/>.
/// </summary>
public static class PromptMethodRegistry
{
    private static readonly ConcurrentDictionary<string, Type> Types = new(StringComparer.OrdinalIgnoreCase);
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    static PromptMethodRegistry()
    {
        foreach (var type in typeof(PromptMethodOptions).Assembly.GetTypes()
                     .Where(t => t.IsSubclassOf(typeof(PromptMethodOptions)) && !t.IsAbstract && t.GetConstructor(Type.EmptyTypes) is not null))
        {
            var options = (PromptMethodOptions)Activator.CreateInstance(type)!;
            Types[options.Method] = type;
        }
    }

    /// <summary>Registers (or replaces) the options type of a method defined outside this assembly.</summary>
    public static void Register<TOptions>() where TOptions : PromptMethodOptions, new() => Types[new TOptions().Method] = typeof(TOptions);

    /// <summary>The registered method identifiers.</summary>
    public static IReadOnlyCollection<string> Methods => Types.Keys.Order(StringComparer.Ordinal).ToList();

    /// <summary>
    /// The paper configuration of a method by its identifier or a common alias (<c>maple-shared</c> = MaPLe†,
    /// <c>deep-language</c>, <c>deep-vision</c>, <c>clip</c> = zero-shot), case-insensitive.
    /// </summary>
    /// <exception cref="ArgumentException">Unknown method; the message lists the known ones.</exception>
    public static PromptMethodOptions DefaultOptions(string method)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(method);
        string name = method.Trim().ToLowerInvariant();
        bool sharedCoupling = name is "maple-shared" or "maple†" or "maple-dagger";
        string key = name switch
        {
            _ when sharedCoupling => "maple",
            "deep-language" or "language-deep" => "language_deep",
            "deep-vision" or "vpt-deep" => "vpt",
            "clip" or "zero-shot" => "zeroshot",
            "independent-vl" => "ivlp",
            _ => name,
        };
        if (!Types.TryGetValue(key, out var type))
            throw new ArgumentException($"Unknown prompt method '{method}'. Known: {string.Join(", ", Methods)}, maple-shared.", nameof(method));
        var options = (PromptMethodOptions)Activator.CreateInstance(type)!;
        return sharedCoupling ? ((MaPLe.MaPLeOptions)options) with { SharedCoupling = true } : options;
    }

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
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException or ArgumentException)
        {
            throw new PromptStateException($"Options of '{method}' cannot be read: {e.Message}");
        }
    }
}
