using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace MaPLe.Prompting;

/// <summary>
/// Maps method identifiers (<c>maple</c>, <c>coop</c>, ...) to their options types, so prompt files can record and
/// restore the options they were trained with. It is filled by <c>MaPLe.Tuning.PromptMethods.Register</c>, which every
/// method's folder calls with its descriptor.
/// </summary>
public static class PromptMethodRegistry
{
    private static readonly ConcurrentDictionary<string, Type> Types = new(StringComparer.OrdinalIgnoreCase);
    private static readonly ConcurrentDictionary<string, Func<PromptMethodOptions>> ByName = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// How options are written and read: an option renamed with an <see cref="ObsoleteAttribute"/> forwarder (e.g.
    /// <c>ContextLength</c> → <c>PromptLength</c>) is read under its former name but written only under the new one.
    /// </summary>
    internal static JsonSerializerOptions Json { get; } = new()
    {
        WriteIndented = false,
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { WriteNoObsoleteNames } },
    };

    private static void WriteNoObsoleteNames(JsonTypeInfo info)
    {
        foreach (var property in info.Properties)
            if (property.AttributeProvider?.IsDefined(typeof(ObsoleteAttribute), inherit: true) == true)
                property.ShouldSerialize = static (_, _) => false;
    }

    /// <summary>Registers (or replaces) the options type of a method, for prompt files only.</summary>
    [Obsolete("Register the method's descriptor with MaPLe.Tuning.PromptMethods.Register: it also gives the method its presets, CLI name and DI binding.")]
    public static void Register<TOptions>() where TOptions : PromptMethodOptions, new()
    {
        string id = new TOptions().Method;
        Add(id, typeof(TOptions), [(id, () => new TOptions())]);
    }

    // Called by PromptMethods.Register (the Tuning layer owns the descriptors; this layer only needs id → type).
    internal static void Add(string id, Type optionsType, IEnumerable<(string Name, Func<PromptMethodOptions> Create)> names)
    {
        Types[id] = optionsType;
        foreach (var (name, create) in names)
            ByName[name] = create;
    }

    /// <summary>The registered method identifiers.</summary>
    public static IReadOnlyCollection<string> Methods => Types.Keys.Order(StringComparer.Ordinal).ToList();

    /// <summary>
    /// The paper configuration of a method by its identifier, an alias or a variant name (<c>maple-shared</c> = MaPLe†,
    /// <c>deep-language</c>, <c>deep-vision</c>, <c>clip</c> = zero-shot), case-insensitive.
    /// </summary>
    /// <exception cref="ArgumentException">Unknown method; the message lists the known ones.</exception>
    public static PromptMethodOptions DefaultOptions(string method)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(method);
        if (!ByName.TryGetValue(method.Trim(), out var create))
            throw new ArgumentException($"Unknown prompt method '{method}'. Known: {string.Join(", ", ByName.Keys.Order(StringComparer.Ordinal))}.", nameof(method));
        return create();
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
