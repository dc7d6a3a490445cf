namespace MaPLe.Tokenization;

/// <summary>
/// Two adjacent token ids packed in a <see cref="long"/>, and a comparer that hashes them well: the default
/// <c>long</c> hash (low half XOR high half) sends (a, b), (b, a) and every pair with the same XOR to one bucket,
/// which made merge-rank lookups several times slower.
/// </summary>
internal static class TokenPair
{
    /// <summary>Hashes packed pairs with a Fibonacci multiply.</summary>
    internal static IEqualityComparer<long> Comparer { get; } = new PairComparer();

    /// <summary>The packed pair.</summary>
    internal static long Pack(int left, int right) => ((long)left << 32) | (uint)right;

    /// <summary>The two ids of a packed pair.</summary>
    internal static (int Left, int Right) Unpack(long pair) => ((int)(pair >> 32), (int)(uint)pair);

    private sealed class PairComparer : IEqualityComparer<long>
    {
        public bool Equals(long x, long y) => x == y;

        public int GetHashCode(long pair) => (int)(((ulong)pair * 0x9E3779B97F4A7C15UL) >> 32);
    }
}
