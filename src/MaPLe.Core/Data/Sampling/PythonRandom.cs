namespace MaPLe.Data.Sampling;

/// <summary>
/// A port of CPython's <c>random.Random</c> (MT19937 with <c>init_by_array</c> seeding) limited to the calls the CoOp/MaPLe
/// data code makes: <c>seed(int)</c>, <c>getrandbits</c>, <c>random()</c>, <c>shuffle</c>, <c>sample</c> and <c>choices</c>.
/// </summary>
/// <remarks>
/// Upstream draws its few-shot subsets with Python's global <c>random</c> right after <c>random.seed(cfg.SEED)</c>, so a
/// bit-exact port reproduces upstream's <c>shot_K-seed_S.pkl</c> lists from the same split file, on every machine.
/// The algorithms follow CPython 3.x's <c>Modules/_randommodule.c</c> and <c>Lib/random.py</c> (unchanged since 3.2 for
/// these calls). Not thread-safe.
/// </remarks>
public sealed class PythonRandom
{
    private const int N = 624;
    private const int M = 397;
    private const uint MatrixA = 0x9908b0dfU;
    private const uint UpperMask = 0x80000000U;
    private const uint LowerMask = 0x7fffffffU;

    private readonly uint[] _mt = new uint[N];
    private int _index;

    /// <summary>Creates a generator in the state of <c>random.seed(seed)</c>.</summary>
    public PythonRandom(long seed) => Seed(seed);

    /// <summary>Re-seeds exactly as <c>random.seed(seed)</c> does for an <c>int</c> (the sign is ignored, as in CPython).</summary>
    public void Seed(long seed)
    {
        ulong magnitude = seed < 0 ? (ulong)(-(seed + 1)) + 1UL : (ulong)seed;
        uint low = (uint)magnitude, high = (uint)(magnitude >> 32);
        uint[] key = high != 0 ? [low, high] : [low];
        InitByArray(key);
    }

    /// <summary>The next 32 random bits (<c>genrand_uint32</c>).</summary>
    public uint NextUInt32()
    {
        if (_index >= N)
            Twist();
        uint y = _mt[_index++];
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c5680U;
        y ^= (y << 15) & 0xefc60000U;
        y ^= y >> 18;
        return y;
    }

    /// <summary><c>random.getrandbits(k)</c> for 0 ≤ k ≤ 64.</summary>
    public ulong GetRandBits(int k)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(k, 64);
        if (k == 0)
            return 0;
        if (k <= 32)
            return NextUInt32() >> (32 - k);
        // CPython fills 32-bit words from the least significant end; the last word keeps its top bits.
        ulong low = NextUInt32();
        ulong high = NextUInt32() >> (64 - k);
        return low | (high << 32);
    }

    /// <summary><c>random.random()</c>: a double in [0, 1) with 53 random bits.</summary>
    public double NextDouble()
    {
        uint a = NextUInt32() >> 5, b = NextUInt32() >> 6;
        return (a * 67108864.0 + b) * (1.0 / 9007199254740992.0);
    }

    /// <summary><c>random._randbelow(n)</c> (the getrandbits rejection method): uniform in [0, n).</summary>
    public int RandBelow(int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(n);
        int k = 32 - int.LeadingZeroCount(n); // n.bit_length()
        ulong r = GetRandBits(k);
        while (r >= (ulong)n)
            r = GetRandBits(k);
        return (int)r;
    }

    /// <summary><c>random.shuffle(list)</c> in place.</summary>
    public void Shuffle<T>(IList<T> list)
    {
        ArgumentNullException.ThrowIfNull(list);
        for (int i = list.Count - 1; i > 0; i--)
        {
            int j = RandBelow(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }
    }

    /// <summary><c>random.sample(population, k)</c>: k distinct elements in selection order.</summary>
    public IReadOnlyList<T> Sample<T>(IReadOnlyList<T> population, int k)
    {
        ArgumentNullException.ThrowIfNull(population);
        int n = population.Count;
        if (k < 0 || k > n)
            throw new ArgumentOutOfRangeException(nameof(k), k, $"Sample larger than population ({n}) or negative.");
        var result = new T[k];
        // CPython picks the algorithm by comparing n with the size a set of k indices would need.
        int setSize = 21;
        if (k > 5)
            setSize += (int)Math.Pow(4, Math.Ceiling(Math.Log(k * 3.0) / Math.Log(4)));
        if (n <= setSize)
        {
            var pool = population.ToArray();
            for (int i = 0; i < k; i++)
            {
                int j = RandBelow(n - i);
                result[i] = pool[j];
                pool[j] = pool[n - i - 1];
            }
        }
        else
        {
            var selected = new HashSet<int>();
            for (int i = 0; i < k; i++)
            {
                int j = RandBelow(n);
                while (!selected.Add(j))
                    j = RandBelow(n);
                result[i] = population[j];
            }
        }
        return result;
    }

    /// <summary><c>random.choices(population, k=k)</c> (uniform weights): k elements with replacement.</summary>
    public IReadOnlyList<T> Choices<T>(IReadOnlyList<T> population, int k)
    {
        ArgumentNullException.ThrowIfNull(population);
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        if (population.Count == 0)
            throw new ArgumentException("Cannot choose from an empty population.", nameof(population));
        var result = new T[k];
        double n = population.Count;
        for (int i = 0; i < k; i++)
            result[i] = population[(int)Math.Floor(NextDouble() * n)];
        return result;
    }

    private void InitGenRand(uint s)
    {
        _mt[0] = s;
        for (int i = 1; i < N; i++)
            _mt[i] = 1812433253U * (_mt[i - 1] ^ (_mt[i - 1] >> 30)) + (uint)i;
        _index = N;
    }

    private void InitByArray(uint[] key)
    {
        InitGenRand(19650218U);
        int i = 1, j = 0;
        for (int k = Math.Max(N, key.Length); k > 0; k--)
        {
            _mt[i] = (_mt[i] ^ ((_mt[i - 1] ^ (_mt[i - 1] >> 30)) * 1664525U)) + key[j] + (uint)j;
            i++;
            j++;
            if (i >= N) { _mt[0] = _mt[N - 1]; i = 1; }
            if (j >= key.Length) j = 0;
        }
        for (int k = N - 1; k > 0; k--)
        {
            _mt[i] = (_mt[i] ^ ((_mt[i - 1] ^ (_mt[i - 1] >> 30)) * 1566083941U)) - (uint)i;
            i++;
            if (i >= N) { _mt[0] = _mt[N - 1]; i = 1; }
        }
        _mt[0] = 0x80000000U;
        _index = N;
    }

    private void Twist()
    {
        for (int kk = 0; kk < N; kk++)
        {
            uint y = (_mt[kk] & UpperMask) | (_mt[(kk + 1) % N] & LowerMask);
            _mt[kk] = _mt[(kk + M) % N] ^ (y >> 1) ^ ((y & 1U) != 0 ? MatrixA : 0U);
        }
        _index = 0;
    }
}
