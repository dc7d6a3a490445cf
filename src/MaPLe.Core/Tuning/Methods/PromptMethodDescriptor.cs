using MaPLe.Prompting;
using MaPLe.Training;

namespace MaPLe.Tuning;

/// <summary>
/// Everything the library needs to know about one prompt-learning method, declared once in the method's own folder and
/// registered with <see cref="PromptMethods.Register"/> (as PEFT's <c>register_peft_method</c>): its id and aliases, its
/// options type and defaults, named variants, its training presets, whether it trains, and the configurations the
/// conformance tests run. The method list of the builder, the CLI, dependency injection and the benchmarks all read it.
/// </summary>
public abstract class PromptMethodDescriptor
{
    private protected PromptMethodDescriptor(string id) => Id = id;

    /// <summary>The method id (<see cref="PromptMethodOptions.Method"/> of its options), as prompt files record it.</summary>
    public string Id { get; }

    /// <summary>The method's name for people ("MaPLe", "CoOp", ...).</summary>
    public required string DisplayName { get; init; }

    /// <summary>One line saying what the method learns (shown in the CLI's help).</summary>
    public string Summary { get; init; } = "";

    /// <summary>Other names accepted wherever a method is named (<c>deep-vision</c> for <c>vpt</c>), case-insensitive.</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];

    /// <summary>The builder extension that selects the method (<c>UseMaPLe</c>), named in the builder's error text.</summary>
    public string? BuilderMethod { get; init; }

    /// <summary>Whether the method has parameters to train (false for zero-shot CLIP).</summary>
    public bool CanTrain { get; init; } = true;

    /// <summary>The method's named training recipes; the first is its default (<see cref="DefaultTraining"/>).</summary>
    public IReadOnlyList<TrainingPreset> Presets { get; init; } = [];

    /// <summary>The concrete options type (a record deriving <see cref="PromptMethodOptions"/>).</summary>
    public abstract Type OptionsType { get; }

    /// <summary>The names of the method's variants (<c>maple-shared</c> = MaPLe†), selectable like the id.</summary>
    public abstract IReadOnlyList<string> VariantNames { get; }

    /// <summary>The training options used when none are given: the first preset, or <see cref="TrainingOptions"/>' defaults.</summary>
    /// <exception cref="InvalidOperationException">The method does not train (<see cref="CanTrain"/> is false).</exception>
    public TrainingOptions DefaultTraining => CanTrain
        ? Presets.Count > 0 ? Presets[0].Options : new TrainingOptions()
        : throw new InvalidOperationException($"{DisplayName} ('{Id}') has nothing to train.");

    /// <summary>The method's default options (the paper configuration).</summary>
    public abstract PromptMethodOptions CreateDefaultOptions();

    /// <summary>The options of a variant (or of the method itself when <paramref name="name"/> is its id or an alias).</summary>
    /// <exception cref="ArgumentException"><paramref name="name"/> names neither the method nor one of its variants.</exception>
    public abstract PromptMethodOptions CreateOptions(string name);

    /// <summary>
    /// The configurations every method runs through the conformance tests: the defaults (named by the id), each variant,
    /// and further named cases covering the method's branches (random initialisation, other class positions, ...).
    /// </summary>
    public abstract IReadOnlyList<KeyValuePair<string, PromptMethodOptions>> ConformanceCases();

    /// <summary>Whether <paramref name="name"/> is the id or an alias (case-insensitive, trimmed).</summary>
    public bool IsNamed(string name) =>
        string.Equals(name?.Trim(), Id, StringComparison.OrdinalIgnoreCase) || Aliases.Contains(name?.Trim() ?? "", StringComparer.OrdinalIgnoreCase);

    /// <inheritdoc />
    public override string ToString() => $"{DisplayName} ({Id})";
}

/// <summary>A method whose options are <typeparamref name="TOptions"/>; see <see cref="PromptMethodDescriptor"/>.</summary>
/// <typeparam name="TOptions">The method's options record.</typeparam>
public sealed class PromptMethodDescriptor<TOptions> : PromptMethodDescriptor where TOptions : PromptMethodOptions
{
    private readonly Func<TOptions> _defaults;

    /// <summary>Describes the method whose default options <paramref name="defaults"/> creates (its id is their <see cref="PromptMethodOptions.Method"/>).</summary>
    public PromptMethodDescriptor(Func<TOptions> defaults)
        : base(IdOf(defaults)) => _defaults = defaults;

    /// <summary>Named variants: a name and how it changes the defaults (<c>["maple-shared"] = o =&gt; o with { SharedCoupling = true }</c>).</summary>
    public IReadOnlyDictionary<string, Func<TOptions, TOptions>> Variants { get; init; } = new Dictionary<string, Func<TOptions, TOptions>>();

    /// <summary>Further configurations for the conformance tests, by row name, as changes to the defaults.</summary>
    public IReadOnlyDictionary<string, Func<TOptions, TOptions>> ConformanceVariants { get; init; } = new Dictionary<string, Func<TOptions, TOptions>>();

    /// <inheritdoc />
    public override Type OptionsType => typeof(TOptions);

    /// <inheritdoc />
    public override IReadOnlyList<string> VariantNames => Variants.Keys.ToList();

    /// <summary>The method's default options.</summary>
    public TOptions Defaults() => _defaults();

    /// <inheritdoc />
    public override PromptMethodOptions CreateDefaultOptions() => _defaults();

    /// <inheritdoc />
    public override PromptMethodOptions CreateOptions(string name)
    {
        if (IsNamed(name)) return _defaults();
        foreach (var (variant, configure) in Variants)
            if (string.Equals(variant, name?.Trim(), StringComparison.OrdinalIgnoreCase))
                return configure(_defaults());
        throw new ArgumentException($"'{name}' is not {DisplayName} or one of its variants ({string.Join(", ", [Id, .. Variants.Keys])}).", nameof(name));
    }

    /// <inheritdoc />
    public override IReadOnlyList<KeyValuePair<string, PromptMethodOptions>> ConformanceCases() =>
    [
        new(Id, _defaults()),
        .. Variants.Select(v => new KeyValuePair<string, PromptMethodOptions>(v.Key, v.Value(_defaults()))),
        .. ConformanceVariants.Select(v => new KeyValuePair<string, PromptMethodOptions>(v.Key, v.Value(_defaults()))),
    ];

    private static string IdOf(Func<TOptions> defaults)
    {
        ArgumentNullException.ThrowIfNull(defaults);
        var options = defaults() ?? throw new ArgumentException("The defaults factory returned null.", nameof(defaults));
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Method, nameof(defaults));
        return options.Method;
    }
}
