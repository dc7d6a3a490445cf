using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using MaPLe.Benchmarks.Reporting;

namespace MaPLe.Benchmarks.Prompting;

/// <summary>
/// Few, long iterations (a ViT-B/16 step takes seconds on a CPU): one launch, one warm-up, five measured iterations,
/// plus the parameter-count, operations-per-second and FLOP columns. In-process: BenchmarkDotNet's generated child project does
/// not get libtorch's native runtime (pass <c>--inProcess</c> too when overriding the job, e.g. <c>--job Dry --inProcess</c>).
/// </summary>
internal sealed class PromptBenchmarkConfig : ManualConfig
{
    public PromptBenchmarkConfig()
    {
        AddJob(Job.Default.WithStrategy(RunStrategy.Monitoring).WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(5)
            .WithToolchain(MaPLe.Benchmarks.InProcess.Toolchain));   // not a default job: it replaces Program.cs's in-process default
        AddColumn(new TrainableParametersColumn(), StatisticColumn.OperationsPerSecond);
        AddColumn(FlopsColumn.Both);
    }
}
