using static TorchSharp.torch;

namespace MaPLe.Training;

/// <summary>
/// Picks the device at run time: this library references only TorchSharp, so CUDA is used exactly when the application
/// ships a TorchSharp CUDA runtime package (TorchSharp-cuda-linux / TorchSharp-cuda-windows) and a GPU is usable.
/// </summary>
public static class ComputeDevices
{
    /// <summary>Whether a CUDA device can be used now.</summary>
    public static bool CudaAvailable
    {
        get
        {
            try { return cuda.is_available(); }
            catch (Exception e) when (e is DllNotFoundException or TypeInitializationException or NotSupportedException) { return false; }
        }
    }

    /// <summary>CUDA device 0 when available, else the CPU.</summary>
    public static Device Best() => CudaAvailable ? CUDA : CPU;

    /// <summary>
    /// Parses "auto" (<see cref="Best"/>), "cpu", "cuda" or "cuda:N".
    /// </summary>
    /// <exception cref="ArgumentException">Any other text, or CUDA requested where it is not available (the message says how to enable it).</exception>
    public static Device Parse(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var n = name.Trim().ToLowerInvariant();
        if (n == "auto") return Best();
        if (n == "cpu") return CPU;
        if (n == "cuda" || n.StartsWith("cuda:", StringComparison.Ordinal))
        {
            if (!CudaAvailable)
                throw new ArgumentException($"Device '{name}' was requested but CUDA is not available. {CudaAdvice}", nameof(name));
            if (n == "cuda") return CUDA;
            if (int.TryParse(n["cuda:".Length..], out int index) && index >= 0 && index < cuda.device_count())
                return new Device(TorchSharp.DeviceType.CUDA, index);
            throw new ArgumentException($"Device '{name}': there are {cuda.device_count()} CUDA devices (cuda:0..cuda:{cuda.device_count() - 1}).", nameof(name));
        }
        throw new ArgumentException($"Unknown device '{name}': use auto, cpu, cuda or cuda:N.", nameof(name));
    }

    /// <summary>What is loaded: TorchSharp and libtorch versions, threads, and whether (and why not) CUDA is on.</summary>
    public static string Describe()
    {
        var torchSharp = typeof(TorchSharp.torch).Assembly.GetName().Version;
        string libtorch;
        try { libtorch = __version__; }
        catch (Exception e) { libtorch = $"not loaded ({e.GetType().Name}: {e.Message})"; }
        string gpu = CudaAvailable
            ? $"CUDA available ({cuda.device_count()} device(s))"
            : $"CUDA not available. {CudaAdvice}";
        return $"TorchSharp {torchSharp}, libtorch {libtorch}, {get_num_threads()} CPU threads; {gpu}";
    }

    private const string CudaAdvice =
        "Add the TorchSharp-cuda-linux or TorchSharp-cuda-windows package (same version as TorchSharp) to the application instead of libtorch-cpu, and check the NVIDIA driver.";
}
