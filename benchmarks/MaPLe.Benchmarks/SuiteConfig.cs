using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;

namespace MaPLe.Benchmarks;

/// <summary>
/// The suite's global configuration: BenchmarkDotNet's defaults (whose exporters include the GitHub-flavoured Markdown
/// report <c>render-docs</c> reads) with the in-process job, or the smoke job for <c>--quick</c>.
/// </summary>
internal static class SuiteConfig
{
    /// <summary>The configuration for a full run, or for a smoke run when <paramref name="quick"/>.</summary>
    public static IConfig Create(bool quick) =>
        quick ? QuickConfig() : DefaultConfig.Instance.AddJob(Job.Default.WithToolchain(InProcess.Toolchain).AsDefault());

    private static IConfig QuickConfig()
    {
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("MAPLE_BENCH_METHODS")))
            Environment.SetEnvironmentVariable("MAPLE_BENCH_METHODS", "maple,coop");
        // A mutator, not a job: BenchmarkDotNet runs every non-default job of the global and the class configs, so an
        // added smoke job would run beside each class's own measuring job; a mutator turns every job into the smoke run.
        var smoke = Job.Dry.WithWarmupCount(0).WithToolchain(InProcess.Toolchain).AsMutator();
        return DefaultConfig.Instance.AddJob(smoke);
    }
}
