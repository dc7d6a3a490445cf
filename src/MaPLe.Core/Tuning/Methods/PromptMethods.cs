using System.Collections.Concurrent;
using MaPLe.Prompting;
using MaPLe.Training;

namespace MaPLe.Tuning;

/// <summary>
/// The registry of prompt-learning methods. Each method registers its <see cref="PromptMethodDescriptor"/> once from its
/// own folder (a <c>[ModuleInitializer]</c> calling <see cref="Register"/>); every list of methods, presets and variants
/// — the builder's error text, the CLI, dependency injection, <see cref="PromptMethodRegistry"/>,
/// <see cref="TrainingPresets.ForMethod"/>, the benchmarks and the conformance tests — is read from here.
/// </summary>
public static class PromptMethods
{
    private static readonly ConcurrentDictionary<string, PromptMethodDescriptor> ById = new(StringComparer.OrdinalIgnoreCase);
    private static readonly object Gate = new();

    /// <summary>
    /// Registers (or replaces) a method. Its id, aliases, variant and preset names must not be taken by another method.
    /// Also makes prompt files of the method readable (<see cref="PromptMethodRegistry"/>).
    /// </summary>
    /// <exception cref="ArgumentException">A name of the method is already another method's.</exception>
    public static void Register(PromptMethodDescriptor descriptor)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        lock (Gate)
        {
            var others = ById.Values.Where(d => !string.Equals(d.Id, descriptor.Id, StringComparison.OrdinalIgnoreCase)).ToList();
            var taken = Names(descriptor).Intersect(others.SelectMany(Names), StringComparer.OrdinalIgnoreCase)
                .Concat(descriptor.Presets.Select(p => p.Name).Intersect(others.SelectMany(d => d.Presets).Select(p => p.Name), StringComparer.OrdinalIgnoreCase))
                .ToList();
            if (taken.Count > 0)
                throw new ArgumentException($"Method '{descriptor.Id}' uses names already registered by another method: {string.Join(", ", taken)}.", nameof(descriptor));
            ById[descriptor.Id] = descriptor;
            PromptMethodRegistry.Add(descriptor.Id, descriptor.OptionsType,
                Names(descriptor).Select(n => (n, (Func<PromptMethodOptions>)(() => descriptor.CreateOptions(n)))));
            foreach (var name in Names(descriptor))
                TrainingPresets.SetDefault(name, descriptor.CanTrain ? descriptor.DefaultTraining : null, descriptor.DisplayName);
        }
    }

    /// <summary>Every registered method, ordered by id.</summary>
    public static IReadOnlyList<PromptMethodDescriptor> All => ById.Values.OrderBy(d => d.Id, StringComparer.Ordinal).ToList();

    /// <summary>The methods with something to train, ordered by id.</summary>
    public static IReadOnlyList<PromptMethodDescriptor> Trainable => All.Where(d => d.CanTrain).ToList();

    /// <summary>Every name a method can be selected by: ids and variant names (aliases left out), in registry order.</summary>
    public static IReadOnlyList<string> SelectableNames => All.SelectMany(d => (IEnumerable<string>)[d.Id, .. d.VariantNames]).ToList();

    /// <summary>Every registered training preset, in registry order (each method's default first).</summary>
    public static IReadOnlyList<TrainingPreset> Presets => All.SelectMany(d => d.Presets).ToList();

    /// <summary>The method named <paramref name="name"/> (id, alias or variant name; case-insensitive), or null.</summary>
    public static PromptMethodDescriptor? Find(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return null;
        string key = name.Trim();
        if (ById.TryGetValue(key, out var byId)) return byId;
        return ById.Values.FirstOrDefault(d => Names(d).Contains(key, StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>The method named <paramref name="name"/> (id, alias or variant name; case-insensitive).</summary>
    /// <exception cref="ArgumentException">Unknown name; the message lists the known ones.</exception>
    public static PromptMethodDescriptor Get(string name) =>
        Find(name) ?? throw new ArgumentException($"Unknown prompt method '{name}'. Known: {string.Join(", ", SelectableNames)}.", nameof(name));

    /// <summary>The method of <paramref name="options"/> (by its <see cref="PromptMethodOptions.Method"/>).</summary>
    /// <exception cref="ArgumentException">The method is not registered.</exception>
    public static PromptMethodDescriptor Of(PromptMethodOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return ById.TryGetValue(options.Method, out var d) ? d
            : throw new ArgumentException($"Method '{options.Method}' ({options.GetType().Name}) is not registered: call PromptMethods.Register with its descriptor.", nameof(options));
    }

    /// <summary>The typed descriptor of the method whose options are <typeparamref name="TOptions"/>.</summary>
    /// <exception cref="ArgumentException">No registered method uses <typeparamref name="TOptions"/>.</exception>
    public static PromptMethodDescriptor<TOptions> For<TOptions>() where TOptions : PromptMethodOptions =>
        ById.Values.OfType<PromptMethodDescriptor<TOptions>>().FirstOrDefault()
        ?? throw new ArgumentException($"No registered method uses {typeof(TOptions).Name}.", nameof(TOptions));

    /// <summary>The options selected by <paramref name="name"/>: a method's defaults or one of its variants.</summary>
    /// <exception cref="ArgumentException">Unknown name; the message lists the known ones.</exception>
    public static PromptMethodOptions CreateOptions(string name) => Get(name).CreateOptions(name);

    /// <summary>
    /// The training options used when none are given for <paramref name="method"/> (the one place this is decided): the
    /// method's default preset; <see cref="TrainingOptions"/>' defaults for a method that is not registered or does not
    /// train (whose training the trainer refuses anyway).
    /// </summary>
    public static TrainingOptions DefaultTraining(string? method) =>
        Find(method) is { CanTrain: true } descriptor ? descriptor.DefaultTraining : new TrainingOptions();

    /// <summary>The preset named <paramref name="name"/> (case-insensitive), or null.</summary>
    public static TrainingPreset? FindPreset(string? name) =>
        string.IsNullOrWhiteSpace(name) ? null : Presets.FirstOrDefault(p => string.Equals(p.Name, name.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>The preset named <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">Unknown preset; the message lists the known ones.</exception>
    public static TrainingPreset GetPreset(string name) =>
        FindPreset(name) ?? throw new ArgumentException($"Unknown training preset '{name}'. Known: {string.Join(", ", Presets.Select(p => p.Name))}.", nameof(name));

    private static IEnumerable<string> Names(PromptMethodDescriptor d) => [d.Id, .. d.Aliases, .. d.VariantNames];
}
