using TorchSharp;
using static TorchSharp.torch;

namespace MaPLe.Clip;

/// <summary>
/// Resolves <see cref="LinearKernel"/> once, when a backbone is built: the processor is identified here
/// (<see cref="ProcessorFeatures"/>), never in a forward pass.
/// </summary>
internal static class LinearKernelChoice
{
    /// <summary>Whether a model on <paramref name="device"/> computing in <paramref name="dtype"/> runs its linear layers on oneDNN.</summary>
    public static bool UseOneDnn(LinearKernel kernel, Device device, ScalarType dtype) => kernel switch
    {
        LinearKernel.OneDnn => true,
        LinearKernel.Blas => false,
        _ => device.type == DeviceType.CPU && dtype == ScalarType.Float32 && ProcessorFeatures.Vendor != "GenuineIntel",
    };
}
