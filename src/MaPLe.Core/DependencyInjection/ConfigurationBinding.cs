using System.Reflection;
using System.Text.Json;
using MaPLe.Prompting;
using MaPLe.Training;
using MaPLe.Tuning;
using Microsoft.Extensions.Configuration;

namespace MaPLe.DependencyInjection;

/// <summary>Fills <see cref="PromptTuningOptions"/> from configuration (see <see cref="PromptTuningOptions.Bind"/>).</summary>
internal static class ConfigurationBinding
{
    private const string MethodKey = nameof(PromptTuningOptions.Method);
    private const string MethodOptionsKey = "MethodOptions";
    private const string TrainingKey = nameof(PromptTuningOptions.Training);
    private static readonly JsonSerializerOptions TrainingJson = new();

    public static void Bind(PromptTuningOptions options, IConfiguration configuration, List<string> problems)
    {
        var simple = typeof(PromptTuningOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.SetMethod is { IsPublic: true } && p.Name is not (MethodKey or TrainingKey))
            .ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);
        foreach (var child in configuration.GetChildren())
        {
            if (simple.TryGetValue(child.Key, out var property))
            {
                if (ConfigurationValues.TryConvert(child, property.PropertyType, problems, out var value))
                    property.SetValue(options, value);
            }
            else if (!child.Key.Equals(MethodKey, StringComparison.OrdinalIgnoreCase) && !child.Key.Equals(MethodOptionsKey, StringComparison.OrdinalIgnoreCase)
                     && !child.Key.Equals(TrainingKey, StringComparison.OrdinalIgnoreCase))
            {
                problems.Add($"{child.Path}: '{child.Key}' is not a prompt tuning option; known: {string.Join(", ", [.. simple.Keys, MethodKey, MethodOptionsKey, TrainingKey])}.");
            }
        }

        var method = configuration.GetSection(MethodKey);
        if (method.Value is { } name)
        {
            if (PromptMethods.Find(name) is { } descriptor)
                options.Method = descriptor.CreateOptions(name);
            else
                problems.Add($"{method.Path}: unknown method '{name}'; known: {string.Join(", ", PromptMethods.SelectableNames)}.");
        }
        var methodOptions = configuration.GetSection(MethodOptionsKey);
        if (methodOptions.Exists() && options.Method is { } current)
            options.Method = ConfigurationValues.Overlay(methodOptions, current, PromptMethodRegistry.Json, $"{current.Method} ({current.GetType().Name})", problems);

        var training = configuration.GetSection(TrainingKey);
        if (training.Exists())
        {
            var defaults = options.Training ?? PromptMethods.DefaultTraining(options.Method?.Method);
            options.Training = ConfigurationValues.Overlay(training, defaults, TrainingJson, nameof(TrainingOptions), problems);
        }
    }
}
