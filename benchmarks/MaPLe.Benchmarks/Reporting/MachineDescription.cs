using System.Runtime.InteropServices;

namespace MaPLe.Benchmarks.Reporting;

/// <summary>
/// The machine the numbers belong to, as far as matrix-multiply speed goes: CPU model, cores, the vector extensions
/// libtorch's kernels use (AVX2, AVX-512, AVX512-BF16, AMX), operating system, .NET, TorchSharp and libtorch.
/// </summary>
/// <param name="CpuModel">The CPU's model name.</param>
/// <param name="LogicalCores">Logical cores this process may use.</param>
/// <param name="CpuFeatures">Each feature of <see cref="FeatureFlags"/> and whether the CPU has it.</param>
/// <param name="OperatingSystem">The operating system.</param>
/// <param name="DotNet">The .NET runtime.</param>
/// <param name="Torch">TorchSharp and libtorch versions.</param>
internal sealed record MachineDescription(
    string CpuModel, int LogicalCores, IReadOnlyList<(string Name, bool Present)> CpuFeatures, string OperatingSystem, string DotNet, string Torch)
{
    /// <summary>The features shown, with the <c>/proc/cpuinfo</c> flag that reveals each.</summary>
    public static IReadOnlyList<(string Name, string Flag)> FeatureFlags { get; } =
        [("AVX2", "avx2"), ("AVX-512", "avx512f"), ("AVX512-BF16", "avx512_bf16"), ("AMX-BF16", "amx_bf16")];

    /// <summary>This machine (CPU details from <c>/proc/cpuinfo</c> where there is one).</summary>
    public static MachineDescription Current()
    {
        const string CpuInfo = "/proc/cpuinfo";
        var cpuinfo = File.Exists(CpuInfo) ? File.ReadAllText(CpuInfo) : "";
        return FromCpuInfo(cpuinfo, Environment.ProcessorCount, RuntimeInformation.OSDescription,
            RuntimeInformation.FrameworkDescription, TorchVersions());
    }

    /// <summary>A description from the text of <c>/proc/cpuinfo</c> (empty where unknown) and the other facts.</summary>
    public static MachineDescription FromCpuInfo(string cpuinfo, int logicalCores, string operatingSystem, string dotNet, string torch)
    {
        var fields = cpuinfo.ReplaceLineEndings("\n").Split('\n').Select(l => l.Split(':', 2)).Where(p => p.Length == 2)
            .Select(p => (Key: p[0].Trim(), Value: p[1].Trim())).ToList();
        var model = fields.FirstOrDefault(f => f.Key == "model name").Value;
        var flags = (fields.FirstOrDefault(f => f.Key == "flags").Value ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet();
        return new MachineDescription(
            string.IsNullOrWhiteSpace(model) ? RuntimeInformation.ProcessArchitecture + " CPU (model unknown)" : model,
            logicalCores, [.. FeatureFlags.Select(f => (f.Name, flags.Contains(f.Flag)))], operatingSystem, dotNet, torch);
    }

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
