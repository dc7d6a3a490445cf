using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

// Usage:
//   dotnet run -c Release --project benchmarks/MaPLe.Benchmarks -- --filter '*'                  full measurements
//   dotnet run -c Release --project benchmarks/MaPLe.Benchmarks -- --quick --filter '*TextEncoder*'  smoke run (seconds)
// --quick runs every selected benchmark once (BenchmarkDotNet's Dry job without its warm-up: one launch, one
// invocation, cold; the numbers are not measurements) and restricts the per-method benchmarks to MaPLe and CoOp unless
// MAPLE_BENCH_METHODS says otherwise: CI uses it to check that the benchmarks still run.
// Benchmarks run in-process: the project BenchmarkDotNet would generate for an out-of-process run lacks the libtorch
// runtime package and the GLIBCXX fix this repository's build adds (see docs/troubleshooting.md).
const string QuickOption = "--quick";
bool quick = args.Contains(QuickOption, StringComparer.OrdinalIgnoreCase);
args = [.. args.Where(a => !a.Equals(QuickOption, StringComparison.OrdinalIgnoreCase))];

var config = quick ? QuickConfig() : DefaultConfig.Instance.AddJob(Job.Default.WithToolchain(MaPLe.Benchmarks.InProcess.Toolchain).AsDefault());
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);

static IConfig QuickConfig()
{
    if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("MAPLE_BENCH_METHODS")))
        Environment.SetEnvironmentVariable("MAPLE_BENCH_METHODS", "maple,coop");
    // Not marked AsDefault: a job that is not a default replaces the default jobs of every class's own [Config].
    var smoke = Job.Dry.WithWarmupCount(0).WithToolchain(MaPLe.Benchmarks.InProcess.Toolchain).WithId("Quick");
    return DefaultConfig.Instance.AddJob(smoke);
}
