namespace MaPLe.ToyWorld;

/// <summary>
/// SplitMix64. Its output is fixed by its definition (unlike <see cref="Random"/>'s unseeded algorithm), so a world seed
/// names the same images on every .NET version, and <see cref="Combine"/> makes any sample addressable by index.
/// </summary>
internal struct ToyRandom(ulong seed)
{
    private const ulong Golden = 0x9E3779B97F4A7C15UL;
    private ulong _state = seed;

    /// <summary>Stream identifiers, so that corpus, dataset splits and captions never share per-sample seeds.</summary>
    internal const ulong CorpusStream = 1, TrainStream = 2, ValStream = 3, TestStream = 4, CaptionStream = 5, NoiseStream = 6;

    /// <summary>A seed derived from <paramref name="seed"/> and <paramref name="value"/> (order matters).</summary>
    public static ulong Combine(ulong seed, ulong value) => Mix(seed ^ Mix(value + Golden));

    /// <summary>A seed derived from a world seed, a stream and an index.</summary>
    public static ulong Derive(int seed, ulong stream, long index) =>
        Combine(Combine(Mix((ulong)(uint)seed), stream), (ulong)index);

    public ulong NextUInt64()
    {
        _state += Golden;
        return Mix(_state);
    }

    /// <summary>Uniform in [0, <paramref name="n"/>).</summary>
    public int NextInt(int n) => (int)(((UInt128)NextUInt64() * (ulong)n) >> 64);

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [-<paramref name="magnitude"/>, <paramref name="magnitude"/>).</summary>
    public float NextSymmetric(double magnitude) => (float)((NextDouble() * 2 - 1) * magnitude);

    public bool NextBool(double probability) => NextDouble() < probability;

    public T Pick<T>(IReadOnlyList<T> items) => items[NextInt(items.Count)];

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
