using MaPLe.Training;

namespace MaPLe.Tuning;

/// <summary>Run-time device selection for a <see cref="PromptTunerBuilder"/>.</summary>
public static class DeviceBuilderExtensions
{
    /// <summary>Uses CUDA when the application ships a TorchSharp CUDA runtime and a GPU is usable, else the CPU.</summary>
    public static PromptTunerBuilder UseBestDevice(this PromptTunerBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.UseDevice(ComputeDevices.Best());
    }

    /// <summary>Uses the device named "auto", "cpu", "cuda" or "cuda:N" (see <see cref="ComputeDevices.Parse"/>).</summary>
    public static PromptTunerBuilder UseDevice(this PromptTunerBuilder builder, string device)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.UseDevice(ComputeDevices.Parse(device));
    }
}
