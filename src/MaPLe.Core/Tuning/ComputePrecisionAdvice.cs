using MaPLe.Clip;
using Microsoft.Extensions.Logging;
using TorchSharp;
using static TorchSharp.torch;

namespace MaPLe.Tuning;

/// <summary>
/// Says at build time whether bfloat16 pays on this CPU: without AVX512-BF16 or AMX-BF16 libtorch emulates bfloat16
/// products several times slower than float32 (docs/performance.md has the profile), with them bfloat16 is the fast path.
/// </summary>
internal static partial class ComputePrecisionAdvice
{
    public static void Log(ILogger logger, IClipBackbone backbone)
    {
        if (backbone.Device.type != DeviceType.CPU)
            return;
        string cpu = ProcessorFeatures.Brand.Length > 0 ? ProcessorFeatures.Brand : "this CPU";
        if (backbone.ComputeDType == ScalarType.BFloat16 && !ProcessorFeatures.HasNativeBf16)
            Bf16Emulated(logger, cpu);
        else if (backbone.ComputeDType == ScalarType.Float32 && ProcessorFeatures.HasNativeBf16)
            Bf16Available(logger, cpu, ProcessorFeatures.Bf16Extensions);
    }

    [LoggerMessage(EventId = 1200, Level = LogLevel.Warning,
        Message = "bfloat16 is emulated on {Cpu} (no AVX512-BF16 or AMX-BF16): its matrix products run several times slower than float32. " +
                  "Use float32 here (UseComputeDType(ScalarType.Float32)); bfloat16 pays on CPUs with AVX512-BF16/AMX or on CUDA")]
    private static partial void Bf16Emulated(ILogger logger, string cpu);

    [LoggerMessage(EventId = 1201, Level = LogLevel.Information,
        Message = "{Cpu} computes bfloat16 in hardware ({Extensions}): UseComputeDType(ScalarType.BFloat16) is the fast path " +
                  "(mixed precision; the QuickStart's HM moves by under 0.5 points)")]
    private static partial void Bf16Available(ILogger logger, string cpu, string extensions);
}
