using System.Runtime.InteropServices;
using MaPLe.Benchmarks.Reporting;

namespace MaPLe.Tests.Benchmarks;

public sealed class MachineDescriptionTests
{
    [Fact]
    public void TheCurrentMachineAgreesWithProcCpuinfo()
    {
        if (!OperatingSystem.IsLinux() || RuntimeInformation.ProcessArchitecture != Architecture.X64 || !File.Exists("/proc/cpuinfo"))
            return; // nothing independent to compare with
        var fields = File.ReadLines("/proc/cpuinfo").TakeWhile(l => l.Length > 0)
            .Select(l => l.Split(':', 2)).Where(p => p.Length == 2)
            .GroupBy(p => p[0].Trim()).ToDictionary(g => g.Key, g => g.First()[1].Trim());
        var flags = fields["flags"].Split(' ').ToHashSet(StringComparer.Ordinal);

        var machine = MachineDescription.Current();

        Assert.Equal(fields["model name"], machine.CpuModel);
        Assert.Equal(Environment.ProcessorCount, machine.LogicalCores);
        Assert.Equal(
            [("AVX2", flags.Contains("avx2")), ("AVX-512", flags.Contains("avx512f")),
             ("AVX512-BF16", flags.Contains("avx512_bf16")), ("AMX-BF16", flags.Contains("amx_bf16"))],
            machine.CpuFeatures);
    }

    [Fact]
    public void MarkdownListsTheModelCoresAndExtensions()
    {
        var machine = new MachineDescription("Intel(R) Xeon(R) Platinum 8480+", 4, [("AVX2", true), ("AVX-512", true), ("AMX-BF16", false)],
            "Linux", ".NET 10", "TorchSharp x, libtorch y");

        var markdown = machine.ToMarkdown();

        Assert.Contains("- CPU: Intel(R) Xeon(R) Platinum 8480+, 4 logical cores", markdown);
        Assert.Contains("- Matrix-multiply extensions: AVX2 yes, AVX-512 yes, AMX-BF16 no", markdown);
        Assert.Contains("- TorchSharp x, libtorch y", markdown);
    }
}
