using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using MaPLe.Benchmarks.Reporting;

namespace MaPLe.Benchmarks.Clip;

/// <summary>
/// In-process (libtorch's native runtime), one launch, three warm-ups and ten iterations of BenchmarkDotNet's automatic
/// invocation count (a product takes milliseconds in fp32, a few hundred where bf16 is emulated), plus the FLOP columns.
/// </summary>
internal sealed class MatrixMultiplyRateConfig : ManualConfig
{
    public MatrixMultiplyRateConfig()
    {
        AddJob(Job.Default.WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(10)
            .WithToolchain(MaPLe.Benchmarks.InProcess.Toolchain));   // not a default job: it replaces Program.cs's in-process default
        AddColumn(FlopsColumn.Both);
    }
}
