using System.Runtime.Intrinsics.X86;
using System.Text;
using TorchSharp;
using static TorchSharp.torch;

namespace MaPLe.Clip;

/// <summary>
/// Resolves <see cref="LinearKernel"/> once, when a backbone is built: the processor is identified here, never in a
/// forward pass.
/// </summary>
internal static class LinearKernelChoice
{
    private static readonly Lazy<bool> IsIntelCpu = new(() => CpuVendor() == "GenuineIntel");

    /// <summary>Whether a model on <paramref name="device"/> computing in <paramref name="dtype"/> runs its linear layers on oneDNN.</summary>
    public static bool UseOneDnn(LinearKernel kernel, Device device, ScalarType dtype) => kernel switch
    {
        LinearKernel.OneDnn => true,
        LinearKernel.Blas => false,
        _ => device.type == DeviceType.CPU && dtype == ScalarType.Float32 && !IsIntelCpu.Value,
    };

    // CPUID leaf 0 spells the vendor in EBX, EDX, ECX ("GenuineIntel", "AuthenticAMD").
    private static string CpuVendor()
    {
        if (!X86Base.IsSupported) return "";
        var (_, ebx, ecx, edx) = X86Base.CpuId(0, 0);
        var bytes = new byte[12];
        BitConverter.TryWriteBytes(bytes.AsSpan(0), ebx);
        BitConverter.TryWriteBytes(bytes.AsSpan(4), edx);
        BitConverter.TryWriteBytes(bytes.AsSpan(8), ecx);
        return Encoding.ASCII.GetString(bytes);
    }
}
