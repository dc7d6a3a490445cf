using MaPLe.Data.Sampling;

namespace MaPLe.Tests.Data;

/// <summary>Expected values were produced with CPython 3.11's <c>random</c> module (commands in each test's comment).</summary>
public class PythonRandomTests
{
    [Fact] // random.seed(1); [random.getrandbits(32) for _ in range(5)]
    public void GetRandBits32_MatchesCPython()
    {
        var r = new PythonRandom(1);
        Assert.Equal([577090037UL, 2444712010UL, 3639700191UL, 3445702192UL, 3280387012UL],
            Enumerable.Range(0, 5).Select(_ => r.GetRandBits(32)).ToArray());
    }

    [Fact] // random.seed(1); random.getrandbits(64), random.getrandbits(33)
    public void GetRandBitsWide_MatchesCPython()
    {
        var r = new PythonRandom(1);
        Assert.Equal(10499958131665514997UL, r.GetRandBits(64));
        Assert.Equal(7934667487UL, r.GetRandBits(33));
    }

    [Theory] // seed 0, a seed above 2**32, and a negative seed (CPython uses its absolute value)
    [InlineData(0L, 3626764237UL)]
    [InlineData((1L << 40) + 5, 2166296868UL)]
    [InlineData(-3L, 1022050301UL)]
    [InlineData(3L, 1022050301UL)]
    public void Seeding_MatchesCPython(long seed, ulong firstWord) => Assert.Equal(firstWord, new PythonRandom(seed).GetRandBits(32));

    [Fact] // random.seed(1); random.sample(range(100), 16)  -- pool algorithm
    public void Sample_SmallPopulation_MatchesCPython() =>
        Assert.Equal([17, 72, 97, 8, 32, 15, 63, 57, 60, 83, 48, 26, 12, 62, 3, 49],
            new PythonRandom(1).Sample(Enumerable.Range(0, 100).ToArray(), 16));

    [Fact] // random.seed(2); random.sample(range(1000), 16)  -- set algorithm (n > setsize 85)
    public void Sample_LargePopulation_MatchesCPython() =>
        Assert.Equal([978, 883, 970, 869, 57, 93, 86, 369, 855, 173, 753, 828, 685, 874, 315, 257],
            new PythonRandom(2).Sample(Enumerable.Range(0, 1000).ToArray(), 16));

    [Fact] // random.seed(3); random.sample(range(10), 4)
    public void Sample_FewItems_MatchesCPython() =>
        Assert.Equal([3, 8, 2, 7], new PythonRandom(3).Sample(Enumerable.Range(0, 10).ToArray(), 4));

    [Fact] // random.seed(42); x = list(range(20)); random.shuffle(x)
    public void Shuffle_MatchesCPython()
    {
        var x = Enumerable.Range(0, 20).ToList();
        new PythonRandom(42).Shuffle(x);
        Assert.Equal([19, 5, 14, 4, 9, 13, 15, 18, 6, 12, 17, 10, 1, 11, 2, 16, 7, 8, 0, 3], x);
    }

    [Fact] // random.seed(5); [random.random() for _ in range(3)]
    public void NextDouble_MatchesCPython()
    {
        var r = new PythonRandom(5);
        Assert.Equal(0.6229016948897019, r.NextDouble());
        Assert.Equal(0.7417869892607294, r.NextDouble());
        Assert.Equal(0.7951935655656966, r.NextDouble());
    }

    [Fact] // random.seed(7); random.choices(range(10), k=5)
    public void Choices_MatchesCPython() =>
        Assert.Equal([3, 1, 6, 0, 5], new PythonRandom(7).Choices(Enumerable.Range(0, 10).ToArray(), 5));
}
