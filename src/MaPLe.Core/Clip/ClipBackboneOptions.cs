using static TorchSharp.torch;

namespace MaPLe.Clip;

/// <summary>Where and in which precision a frozen CLIP runs.</summary>
public sealed record ClipBackboneOptions
{
    /// <summary>The device (default CPU). CUDA needs a TorchSharp CUDA runtime package in the application.</summary>
    public Device Device { get; init; } = CPU;

    /// <summary>
    /// Compute dtype of the frozen weights and of the matrix products: <see cref="ScalarType.Float32"/> (default, the
    /// parity mode) or <see cref="ScalarType.BFloat16"/>. With bfloat16 the residual stream, LayerNorms, the final
    /// projections, prompts and features stay float32 (mixed precision, as under <c>torch.autocast</c>).
    /// </summary>
    public ScalarType ComputeDType { get; init; } = ScalarType.Float32;

    /// <summary>Which libtorch kernel computes float32 linear layers on the CPU (default <see cref="LinearKernel.Auto"/>).</summary>
    public LinearKernel LinearKernel { get; init; } = LinearKernel.Auto;

    /// <summary>Default options: CPU, float32.</summary>
    public static ClipBackboneOptions Default { get; } = new();

    /// <summary>
    /// The problems with the compute dtype and the linear kernel (each rule stated once, here: the builder, dependency
    /// injection and <see cref="Validate"/> all report these), each with the option it concerns. Empty when valid.
    /// </summary>
    public IReadOnlyList<(string Option, string Problem)> SettingProblems()
    {
        var problems = new List<(string, string)>();
        if (ComputeDType is not (ScalarType.Float32 or ScalarType.BFloat16))
            problems.Add((nameof(ComputeDType), $"{ComputeDType} is not supported; use Float32 or BFloat16."));
        if (!Enum.IsDefined(LinearKernel))
            problems.Add((nameof(LinearKernel), $"{LinearKernel} is not one of {string.Join(", ", Enum.GetNames<LinearKernel>())}."));
        return problems;
    }

    /// <summary>Throws when the options cannot work on this machine.</summary>
    /// <exception cref="ArgumentException">A <see cref="SettingProblems"/> problem.</exception>
    /// <exception cref="InvalidOperationException">CUDA was requested but is not available.</exception>
    public void Validate()
    {
        if (SettingProblems() is [var (option, problem), ..])
            throw new ArgumentException($"{option}: {problem}", option);
        if (Device.type == TorchSharp.DeviceType.CUDA && !cuda.is_available())
            throw new InvalidOperationException(
                "A CUDA device was requested but CUDA is not available: reference a TorchSharp CUDA runtime package " +
                "(TorchSharp-cuda-linux or TorchSharp-cuda-windows) in your application and check the GPU driver, or use the CPU.");
    }
}
