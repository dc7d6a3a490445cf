using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using BenchmarkDotNet.Attributes;
using MaPLe.Benchmarks.Reporting;

namespace MaPLe.Benchmarks.Clip;

/// <summary>
/// The processor's float32 fused-multiply-add ceiling: independent 256-bit FMA chains (enough to hide the instruction
/// latency) on one thread and on every core. No real product can beat it, so it bounds what any matrix-multiply library
/// (MKL, OpenBLAS, oneDNN) can reach on this machine; <see cref="MatrixMultiplyRateBenchmarks"/> measures what libtorch
/// reaches. Needs AVX2 + FMA (the rows report nothing elsewhere).
/// </summary>
[Config(typeof(MatrixMultiplyRateConfig))]
public class ProcessorPeakBenchmarks
{
    private const long Iterations = 20_000_000;
    private const int Chains = 12;
    private const int Lanes = 8;

    /// <summary>1 (one core) or every logical processor.</summary>
    [ParamsSource(nameof(ThreadCounts))]
    public int Threads { get; set; } = 1;

    /// <summary>One thread and <see cref="Environment.ProcessorCount"/> threads.</summary>
    public static IEnumerable<int> ThreadCounts => Environment.ProcessorCount > 1 ? [1, Environment.ProcessorCount] : [1];

    [GlobalSetup]
    public void Setup() => FlopsLedger.Record(this, Fma.IsSupported ? 2.0 * Lanes * Chains * Iterations * Threads : 0);

    /// <summary><see cref="Threads"/> threads, each running the FMA chains.</summary>
    [Benchmark]
    public float FusedMultiplyAdd()
    {
        if (!Fma.IsSupported) return 0;
        var results = new float[Threads];
        Parallel.For(0, Threads, new ParallelOptions { MaxDegreeOfParallelism = Threads }, t => results[t] = Chains12(Iterations));
        return results.Sum();
    }

    private static float Chains12(long iterations)
    {
        var m = Vector256.Create(0.9999999f);
        var c = Vector256.Create(1e-7f);
        Vector256<float> a0 = Vector256<float>.One, a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0, a8 = a0, a9 = a0, a10 = a0, a11 = a0;
        for (long i = 0; i < iterations; i++)
        {
            a0 = Fma.MultiplyAdd(a0, m, c); a1 = Fma.MultiplyAdd(a1, m, c); a2 = Fma.MultiplyAdd(a2, m, c);
            a3 = Fma.MultiplyAdd(a3, m, c); a4 = Fma.MultiplyAdd(a4, m, c); a5 = Fma.MultiplyAdd(a5, m, c);
            a6 = Fma.MultiplyAdd(a6, m, c); a7 = Fma.MultiplyAdd(a7, m, c); a8 = Fma.MultiplyAdd(a8, m, c);
            a9 = Fma.MultiplyAdd(a9, m, c); a10 = Fma.MultiplyAdd(a10, m, c); a11 = Fma.MultiplyAdd(a11, m, c);
        }
        return Vector256.Sum(a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11);
    }
}
