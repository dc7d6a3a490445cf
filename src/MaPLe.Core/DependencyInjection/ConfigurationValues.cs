using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;

namespace MaPLe.DependencyInjection;

/// <summary>
/// Reads configuration sections into options records. Records are read by overlaying the configured keys on the JSON of
/// their defaults and deserializing the result — the same JSON path prompt files take, so a renamed option's former
/// name (an <see cref="ObsoleteAttribute"/> forwarder) is accepted in both. Every bad key or value becomes a problem
/// naming the configuration path, never an exception.
/// </summary>
internal static class ConfigurationValues
{
    /// <summary><paramref name="defaults"/> with the keys of <paramref name="section"/> applied.</summary>
    public static T Overlay<T>(IConfigurationSection section, T defaults, JsonSerializerOptions json, string what, List<string> problems) where T : class
    {
        var type = defaults.GetType();
        var node = JsonSerializer.SerializeToNode(defaults, type, json)!.AsObject();
        var properties = Settable(type).ToList();
        foreach (var child in section.GetChildren())
        {
            var property = properties.FirstOrDefault(p => string.Equals(p.Name, child.Key, StringComparison.OrdinalIgnoreCase));
            if (property is null)
            {
                problems.Add($"{child.Path}: '{child.Key}' is not an option of {what}; known: {string.Join(", ", properties.Where(p => !p.IsDefined(typeof(ObsoleteAttribute))).Select(p => p.Name))}.");
                continue;
            }
            if (TryConvert(child, property.PropertyType, problems, out var value))
            {
                node.Remove(property.Name);
                node[property.Name] = JsonSerializer.SerializeToNode(value, property.PropertyType, json);
            }
        }
        try
        {
            return (T?)node.Deserialize(type, json) ?? defaults;
        }
        catch (Exception e) when (e is JsonException or NotSupportedException)
        {
            problems.Add($"{section.Path}: {what} cannot be read: {e.Message}");
            return defaults;
        }
    }

    /// <summary>Converts a configuration value (or, for lists, its children) to <paramref name="type"/>.</summary>
    public static bool TryConvert(IConfigurationSection section, Type type, List<string> problems, out object? value)
    {
        value = null;
        var underlying = Nullable.GetUnderlyingType(type);
        if (underlying is not null && string.IsNullOrEmpty(section.Value) && !section.GetChildren().Any())
            return true;
        type = underlying ?? type;
        if (type != typeof(string) && ElementTypeOf(type) == typeof(string))
        {
            var items = section.GetChildren().OrderBy(c => int.TryParse(c.Key, out int i) ? i : int.MaxValue).Select(c => c.Value ?? "").ToList();
            value = type.IsArray ? items.ToArray() : items;
            return true;
        }
        string text = section.Value ?? "";
        bool ok;
        (ok, value) = type switch
        {
            _ when type == typeof(string) => (true, text),
            _ when type == typeof(bool) => (bool.TryParse(text, out bool b), b),
            _ when type == typeof(int) => (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int i), i),
            _ when type == typeof(long) => (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out long l), l),
            _ when type == typeof(double) => (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double d), d),
            _ when type == typeof(float) => (float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out float f), f),
            _ when type.IsEnum => (Enum.TryParse(type, text, ignoreCase: true, out var e) && Enum.IsDefined(type, e!), e),
            _ => (false, null),
        };
        if (!ok)
            problems.Add(type.IsEnum
                ? $"{section.Path}: '{text}' is not one of {string.Join(", ", Enum.GetNames(type))}."
                : type.IsPrimitive || type == typeof(string)
                    ? $"{section.Path}: '{text}' is not a valid {type.Name}."
                    : $"{section.Path}: {type.Name} values cannot be set from configuration.");
        return ok;
    }

    private static IEnumerable<PropertyInfo> Settable(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod is { IsPublic: true } && p.GetIndexParameters().Length == 0);

    private static Type? ElementTypeOf(Type type) =>
        type.IsArray ? type.GetElementType()
        : type.IsGenericType && type.GetGenericArguments() is [var element] && typeof(IEnumerable<>).MakeGenericType(element).IsAssignableFrom(type) ? element
        : null;
}
