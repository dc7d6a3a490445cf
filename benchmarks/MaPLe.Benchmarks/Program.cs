using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

// Usage: dotnet run -c Release --project benchmarks/MaPLe.Benchmarks -- --filter '*'
// Benchmarks run in-process: the project BenchmarkDotNet would generate for an out-of-process run lacks the libtorch
// runtime package and the GLIBCXX fix this repository's build adds (see docs/troubleshooting.md).
var config = DefaultConfig.Instance.AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).AsDefault());
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
