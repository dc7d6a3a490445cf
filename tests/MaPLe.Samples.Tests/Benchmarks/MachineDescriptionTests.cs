using MaPLe.Benchmarks.Reporting;

namespace MaPLe.Tests.Benchmarks;

public sealed class MachineDescriptionTests
{
    [Fact]
    public void ReadsModelAndMatrixMultiplyExtensionsFromCpuInfo()
    {
        const string CpuInfo = "processor\t: 0\nvendor_id\t: GenuineIntel\nmodel name\t: Intel(R) Xeon(R) Platinum 8480+\n" +
            "flags\t\t: fpu sse avx2 avx512f avx512_bf16 amx_bf16 amx_tile\n\nprocessor\t: 1\nmodel name\t: Intel(R) Xeon(R) Platinum 8480+\n";

        var machine = MachineDescription.FromCpuInfo(CpuInfo, 4, "Linux", ".NET 10", "TorchSharp x, libtorch y");

        Assert.Equal("Intel(R) Xeon(R) Platinum 8480+", machine.CpuModel);
        Assert.Equal([("AVX2", true), ("AVX-512", true), ("AVX512-BF16", true), ("AMX-BF16", true)], machine.CpuFeatures);
        Assert.Contains("- CPU: Intel(R) Xeon(R) Platinum 8480+, 4 logical cores", machine.ToMarkdown());
    }

    [Fact]
    public void WithoutCpuInfoTheModelIsUnknownAndNoExtensionIsClaimed()
    {
        var machine = MachineDescription.FromCpuInfo("", 2, "Windows", ".NET 10", "TorchSharp x, libtorch y");

        Assert.Contains("model unknown", machine.CpuModel);
        Assert.All(machine.CpuFeatures, f => Assert.False(f.Present));
    }
}
