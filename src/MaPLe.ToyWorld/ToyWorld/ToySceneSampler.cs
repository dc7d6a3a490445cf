namespace MaPLe.ToyWorld;

/// <summary>
/// Samples toy-world scenes by index: scene <c>i</c> of seed <c>s</c> is always the same, whatever else was sampled.
/// The colour × shape class is drawn uniformly from the allowed combinations: those of <see cref="ToyWorldOptions.Colors"/>
/// × <see cref="ToyWorldOptions.Shapes"/>, restricted to <c>only</c> when given, minus <c>holdout</c>. Holding out
/// combinations keeps them unseen as pairs while their colours and shapes still appear with other partners.
/// Thread-safe.
/// </summary>
public sealed class ToySceneSampler
{
    private readonly HashSet<ToyColorShape> _holdout;
    private readonly HashSet<ToyColorShape> _allowedSet;
    private readonly ulong _stream;

    /// <summary>Creates a sampler.</summary>
    /// <param name="seed">World seed.</param>
    /// <param name="options">Sampling and rendering options (default: <c>new ToyWorldOptions()</c>).</param>
    /// <param name="holdout">Combinations never sampled.</param>
    /// <param name="only">When given, only these combinations are sampled (still minus <paramref name="holdout"/>).</param>
    /// <exception cref="ArgumentException">Invalid options, or no combination is left to sample.</exception>
    public ToySceneSampler(int seed, ToyWorldOptions? options = null, IEnumerable<ToyColorShape>? holdout = null,
        IEnumerable<ToyColorShape>? only = null)
        : this(seed, ToyRandom.CorpusStream, options, holdout, only)
    {
    }

    internal ToySceneSampler(int seed, ulong stream, ToyWorldOptions? options, IEnumerable<ToyColorShape>? holdout,
        IEnumerable<ToyColorShape>? only)
    {
        Seed = seed;
        _stream = stream;
        Options = (options ?? new ToyWorldOptions()).Validate();
        _holdout = holdout is null ? [] : [.. holdout];
        var candidates = ToyColorShape.All(Options.Colors, Options.Shapes);
        if (only is not null)
        {
            var onlySet = only.ToHashSet();
            candidates = candidates.Where(onlySet.Contains).ToArray();
        }

        Combinations = candidates.Where(c => !_holdout.Contains(c)).ToArray();
        if (Combinations.Count == 0)
            throw new ArgumentException(
                "No colour × shape combination is left to sample: the options' Colors × Shapes, restricted to 'only', " +
                "are all in 'holdout'. Hold out fewer combinations or allow more colours and shapes.", nameof(holdout));
        _allowedSet = [.. Combinations];
        ToySceneComposer.EnsureBackgrounds(Combinations.Select(c => c.Color), Options);
    }

    /// <summary>The world seed.</summary>
    public int Seed { get; }

    /// <summary>The validated options.</summary>
    public ToyWorldOptions Options { get; }

    /// <summary>The combinations this sampler draws from (colour-major order).</summary>
    public IReadOnlyList<ToyColorShape> Combinations { get; }

    /// <summary>The held-out combinations (never sampled).</summary>
    public IReadOnlySet<ToyColorShape> Holdout => _holdout;

    /// <summary>Whether <paramref name="combination"/> can be sampled.</summary>
    public bool IsAllowed(ToyColorShape combination) => _allowedSet.Contains(combination);

    /// <summary>Scene <paramref name="index"/>: its class uniform over <see cref="Combinations"/>.</summary>
    public ToyScene Sample(long index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        var rng = new ToyRandom(ToyRandom.Derive(Seed, _stream, index));
        var combination = rng.Pick(Combinations);
        return ToySceneComposer.Compose(ref rng, combination, Options);
    }

    /// <summary>Scene <paramref name="index"/> of class <paramref name="combination"/> (other attributes sampled).</summary>
    /// <exception cref="ArgumentException"><paramref name="combination"/> is held out or not allowed.</exception>
    public ToyScene Sample(long index, ToyColorShape combination)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        if (!IsAllowed(combination))
            throw new ArgumentException($"'{combination}' is held out or not among this sampler's combinations.", nameof(combination));
        var rng = new ToyRandom(ToyRandom.Combine(ToyRandom.Derive(Seed, _stream, index), ComboKey(combination)));
        return ToySceneComposer.Compose(ref rng, combination, Options);
    }

    // Explicit, rather than GetHashCode, so seeds never depend on the compiler's record hashing.
    private static ulong ComboKey(ToyColorShape c) => ((ulong)(uint)c.Color << 16) | (uint)c.Shape;
}
