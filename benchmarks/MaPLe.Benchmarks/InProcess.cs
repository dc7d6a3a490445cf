using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace MaPLe.Benchmarks;

/// <summary>
/// The in-process toolchain every benchmark here uses, with a long timeout: a ViT-B/16 step on a CPU takes seconds, and
/// BenchmarkDotNet's default in-process limit (5 minutes per benchmark) cuts long runs short.
/// </summary>
internal static class InProcess
{
    /// <summary>The toolchain.</summary>
    public static InProcessEmitToolchain Toolchain { get; } = new(TimeSpan.FromHours(2), logOutput: true);
}
