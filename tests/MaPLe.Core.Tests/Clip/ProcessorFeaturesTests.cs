using MaPLe.Clip;
using MaPLe.Tests.Training;
using MaPLe.Tuning;
using Microsoft.Extensions.Logging;
using static TorchSharp.torch;

namespace MaPLe.Tests.Clip;

/// <summary>
/// CPUID reading against what the Linux kernel reports in <c>/proc/cpuinfo</c>, and the build-time advice on bfloat16
/// that follows from it.
/// </summary>
public class ProcessorFeaturesTests
{
    private static readonly Lazy<CpuInfo?> Info = new(CpuInfo.Read);

    [Fact]
    public void Cpuid_AgreesWithProcCpuinfo()
    {
        if (Info.Value is not { } info)
            return; // not Linux on x86-64: nothing independent to compare with
        Assert.Equal(info.Vendor, ProcessorFeatures.Vendor);
        Assert.Equal(info.ModelName, ProcessorFeatures.Brand);
        Assert.Equal(info.Flags.Contains("avx2"), ProcessorFeatures.HasAvx2);
        Assert.Equal(info.Flags.Contains("avx512f"), ProcessorFeatures.HasAvx512);
        Assert.Equal(info.Flags.Contains("avx512_bf16"), ProcessorFeatures.HasAvx512Bf16);
        Assert.Equal(info.Flags.Contains("amx_bf16"), ProcessorFeatures.HasAmxBf16);
    }

    [Theory]
    [InlineData(ScalarType.BFloat16)]
    [InlineData(ScalarType.Float32)]
    public void Build_SaysWhetherBFloat16IsEmulatedOrTheFastPath(ScalarType dtype)
    {
        if (Info.Value is not { } info)
            return;
        bool native = info.Flags.Contains("avx512_bf16") || info.Flags.Contains("amx_bf16");
        var logs = new RecordingLoggerFactory();
        using var tuner = new PromptTunerBuilder()
            .UseBackbone(TestSupport.Fixtures.TinyOpenAiWeights)
            .UseComputeDType(dtype)
            .UseTokenizer(TestSupport.CaseLearners.Tokenizer)
            .UseZeroShot()
            .UseClassNames(["cat", "dog"])
            .UseLogger(logs)
            .Build();

        var events = logs.Entries.Select(e => e.Event.Id).ToList();
        Assert.Equal(dtype == ScalarType.BFloat16 && !native, events.Contains(1200));
        Assert.Equal(dtype == ScalarType.Float32 && native, events.Contains(1201));
        if (events.Contains(1200))
            Assert.Contains(logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("emulated", StringComparison.Ordinal)
                                               && e.Message.Contains(info.ModelName, StringComparison.Ordinal));
    }

    private sealed record CpuInfo(string Vendor, string ModelName, HashSet<string> Flags)
    {
        public static CpuInfo? Read()
        {
            if (!OperatingSystem.IsLinux() || System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture != System.Runtime.InteropServices.Architecture.X64
                || !File.Exists("/proc/cpuinfo"))
                return null;
            var fields = File.ReadLines("/proc/cpuinfo").TakeWhile(l => l.Length > 0)
                .Select(l => l.Split(':', 2)).Where(p => p.Length == 2)
                .GroupBy(p => p[0].Trim()).ToDictionary(g => g.Key, g => g.First()[1].Trim());
            return new CpuInfo(fields["vendor_id"], fields["model name"], fields["flags"].Split(' ').ToHashSet(StringComparer.Ordinal));
        }
    }
}
