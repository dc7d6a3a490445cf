namespace MaPLe.Data.Sampling;

/// <summary>
/// SplitMix64 (Steele, Lea &amp; Flood 2014; the seeding generator of xoshiro): a tiny, fully specified PRNG whose output
/// depends only on its seed, used for epoch shuffles and for deriving per-sample seeds. Not thread-safe.
/// </summary>
public sealed class SplitMix64
{
    private const ulong Gamma = 0x9E3779B97F4A7C15UL;
    private ulong _state;

    /// <summary>Creates a generator starting from <paramref name="seed"/>.</summary>
    public SplitMix64(ulong seed) => _state = seed;

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        _state += Gamma;
        return Mix(_state);
    }

    /// <summary>Uniform integer in [0, <paramref name="n"/>) without modulo bias (rejection sampling).</summary>
    public int NextBelow(int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(n);
        ulong bound = (ulong)n;
        ulong limit = ulong.MaxValue - ulong.MaxValue % bound; // values >= limit would favour small residues
        ulong r;
        do
            r = NextUInt64();
        while (r >= limit);
        return (int)(r % bound);
    }

    /// <summary>Fisher–Yates shuffle in place (from the last element down, as <c>random.shuffle</c>).</summary>
    public void Shuffle<T>(IList<T> list)
    {
        ArgumentNullException.ThrowIfNull(list);
        for (int i = list.Count - 1; i > 0; i--)
        {
            int j = NextBelow(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }
    }

    /// <summary>The SplitMix64 finaliser: a bijective 64-bit mix.</summary>
    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>
    /// Combines integers into one well-mixed 64-bit seed, e.g. (seed, epoch, index) for a per-sample generator. The result
    /// depends only on the values and their order.
    /// </summary>
    public static ulong Derive(params ReadOnlySpan<long> parts)
    {
        ulong h = 0x6A09E667F3BCC908UL;
        foreach (long p in parts)
            h = Mix(h + Gamma + (ulong)p);
        return h;
    }
}
