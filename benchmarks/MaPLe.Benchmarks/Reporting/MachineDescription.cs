using System.Runtime.InteropServices;
using MaPLe.Clip;

namespace MaPLe.Benchmarks.Reporting;

/// <summary>
/// The machine the numbers belong to, as far as matrix-multiply speed goes: CPU model, cores, the vector extensions
/// libtorch's kernels use (AVX2, AVX-512, AVX512-BF16, AMX), operating system, .NET, TorchSharp and libtorch.
/// </summary>
/// <param name="CpuModel">The CPU's model name.</param>
/// <param name="LogicalCores">Logical cores this process may use.</param>
/// <param name="CpuFeatures">Each extension (AVX2, AVX-512, AVX512-BF16, AMX-BF16) and whether the CPU has it.</param>
/// <param name="OperatingSystem">The operating system.</param>
/// <param name="DotNet">The .NET runtime.</param>
/// <param name="Torch">TorchSharp and libtorch versions.</param>
internal sealed record MachineDescription(
    string CpuModel, int LogicalCores, IReadOnlyList<(string Name, bool Present)> CpuFeatures, string OperatingSystem, string DotNet, string Torch)
{
    /// <summary>This machine, its processor as the library identifies it (<see cref="ProcessorFeatures"/>, CPUID).</summary>
    public static MachineDescription Current() => new(
        ProcessorFeatures.Brand.Length > 0 ? ProcessorFeatures.Brand : RuntimeInformation.ProcessArchitecture + " CPU (model unknown)",
        Environment.ProcessorCount,
        [
            ("AVX2", ProcessorFeatures.HasAvx2), ("AVX-512", ProcessorFeatures.HasAvx512),
            ("AVX512-BF16", ProcessorFeatures.HasAvx512Bf16), ("AMX-BF16", ProcessorFeatures.HasAmxBf16),
        ],
        RuntimeInformation.OSDescription, RuntimeInformation.FrameworkDescription, TorchVersions());

    /// <summary>A Markdown bullet list.</summary>
    public string ToMarkdown() => string.Join('\n',
        $"- CPU: {CpuModel}, {LogicalCores} logical cores",
        $"- Matrix-multiply extensions: {string.Join(", ", CpuFeatures.Select(f => $"{f.Name} {(f.Present ? "yes" : "no")}"))}",
        $"- OS: {OperatingSystem}",
        $"- .NET: {DotNet}",
        $"- {Torch}");

    private static string TorchVersions()
    {
        var torchSharp = typeof(TorchSharp.torch).Assembly.GetName().Version;
        string libtorch;
        try { libtorch = TorchSharp.torch.__version__; }
        catch (Exception e) when (e is DllNotFoundException or TypeInitializationException or NotSupportedException)
        {
            libtorch = $"not loaded ({e.GetType().Name})";
        }
        return $"TorchSharp {torchSharp}, libtorch {libtorch}";
    }
}
