using BenchmarkDotNet.Running;
using MaPLe.Benchmarks;
using MaPLe.Benchmarks.Reporting;

// Usage:
//   dotnet run -c Release --project benchmarks/MaPLe.Benchmarks -- --filter '*'                  full measurements
//   dotnet run -c Release --project benchmarks/MaPLe.Benchmarks -- --quick --filter '*TextEncoder*'  smoke run (seconds)
//   dotnet run -c Release --project benchmarks/MaPLe.Benchmarks -- render-docs [--results DIR] [--doc FILE]
//   dotnet run -c Release --project benchmarks/MaPLe.Benchmarks -- profile-workload --workload step|inference --precision bf16
//     (for a sampling profiler: benchmarks/profile/profile-ops.sh)
// --quick runs every selected benchmark once (BenchmarkDotNet's Dry job without its warm-up: one launch, one
// invocation, cold; the numbers are not measurements) and restricts the per-method benchmarks to MaPLe and CoOp unless
// MAPLE_BENCH_METHODS says otherwise: CI uses it to check that the benchmarks still run.
// render-docs writes the GitHub-Markdown reports of BenchmarkDotNet.Artifacts/results into the marked section of
// docs/performance.md (see RenderDocsCommand).
// Benchmarks run in-process: the project BenchmarkDotNet would generate for an out-of-process run lacks the libtorch
// runtime package and the GLIBCXX fix this repository's build adds (see docs/troubleshooting.md).
if (args.Length > 0 && args[0] == RenderDocsCommand.Name)
    return RenderDocsCommand.Run(args[1..], Console.Out, Console.Error);
if (args.Length > 0 && args[0] == MaPLe.Benchmarks.Diagnostics.ProfileWorkloadCommand.Name)
    return MaPLe.Benchmarks.Diagnostics.ProfileWorkloadCommand.Run(args[1..], Console.Out, Console.Error);

const string QuickOption = "--quick";
bool quick = args.Contains(QuickOption, StringComparer.OrdinalIgnoreCase);
args = [.. args.Where(a => !a.Equals(QuickOption, StringComparison.OrdinalIgnoreCase))];
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, SuiteConfig.Create(quick));
return 0;
