using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using MaPLe.Training;

namespace MaPLe.Cli.Sweeps;

/// <summary>
/// A grid's <c>training:</c> applied over a preset, and the recipe's JSON form in specs: every scalar option of
/// <see cref="TrainingOptions"/> except those the cell runner owns (seed, checkpoint folder, resume, custom schedule).
/// </summary>
public static class TrainingOverrides
{
    private static readonly string[] RunnerOwned =
    [
        nameof(TrainingOptions.Seed), nameof(TrainingOptions.CheckpointDirectory), nameof(TrainingOptions.ResumeFrom),
        nameof(TrainingOptions.AutoResume), nameof(TrainingOptions.Schedule),
    ];

    private static readonly IReadOnlyList<PropertyInfo> Settable = typeof(TrainingOptions)
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => p.CanWrite && !RunnerOwned.Contains(p.Name) && IsScalar(p.PropertyType))
        .ToList();

    /// <summary>The recipe as JSON (camelCase names, enums as names).</summary>
    public static JsonObject ToJson(TrainingOptions options)
    {
        var json = new JsonObject();
        foreach (var p in Settable)
        {
            object? value = p.GetValue(options);
            json[MethodOverrides.Camel(p.Name)] = value is Enum e ? JsonValue.Create(e.ToString()) : JsonSerializer.SerializeToNode(value, p.PropertyType);
        }
        return json;
    }

    /// <summary>Restores a recipe written by <see cref="ToJson"/>.</summary>
    /// <exception cref="SweepFileException">Unknown option or bad value.</exception>
    public static TrainingOptions FromJson(JsonObject json, string source) =>
        Apply(new TrainingOptions(), json, "training", new GridPath(source));

    /// <summary>Returns <paramref name="options"/> with <paramref name="overrides"/> applied, validated.</summary>
    /// <exception cref="SweepFileException">An unknown option, a value of the wrong type, or an invalid recipe, named with <paramref name="key"/>.</exception>
    public static TrainingOptions Apply(TrainingOptions options, JsonObject overrides, string key, GridPath at)
    {
        var result = options with { };
        foreach (var (name, value) in overrides)
        {
            var property = Settable.FirstOrDefault(p => MethodOverrides.Simplify(p.Name) == MethodOverrides.Simplify(name));
            if (property is null)
            {
                string why = RunnerOwned.Any(r => MethodOverrides.Simplify(r) == MethodOverrides.Simplify(name))
                    ? "is set by the cell runner (seeds: for the seed; checkpoints live in each cell's folder)"
                    : $"unknown training option; known: {string.Join(", ", Settable.Select(p => MethodOverrides.Camel(p.Name)))}";
                throw at.Error($"{key}.{name}", why);
            }
            property.SetValue(result, Convert(value, property.PropertyType, $"{key}.{name}", at));
        }
        try
        {
            return result.Validate();
        }
        catch (ArgumentException e)
        {
            throw at.Error(key, e.Message);
        }
    }

    private static object? Convert(JsonNode? value, Type type, string key, GridPath at)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        if (value is null)
            return Nullable.GetUnderlyingType(type) is not null ? null : throw at.Error(key, "must have a value");
        try
        {
            if (target.IsEnum)
            {
                string text = value.GetValue<string>();
                return Enum.GetNames(target).FirstOrDefault(n => n.Equals(text, StringComparison.OrdinalIgnoreCase)) is { } n
                    ? Enum.Parse(target, n)
                    : throw at.Error(key, $"must be one of {string.Join(", ", Enum.GetNames(target))}");
            }
            if (target == typeof(int)) return at.Integer(value, key);
            return value.Deserialize(target);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            throw at.Error(key, $"must be a {target.Name.ToLowerInvariant()}");
        }
    }

    private static bool IsScalar(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t.IsEnum || t == typeof(int) || t == typeof(double) || t == typeof(bool) || t == typeof(long);
    }
}
