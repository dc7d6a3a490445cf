using System.Runtime.CompilerServices;
using TorchSharp;

namespace MaPLe.Runtime;

/// <summary>
/// Loads TorchSharp's native runtime with clear errors. MaPLe.Core installs a native-library resolver for TorchSharp as
/// soon as the library is loaded: on Linux systems whose libstdc++ predates GCC 13 (Debian 12, Ubuntu 22.04) it loads a
/// copy of <c>libLibTorchSharp.so</c> with the unneeded <c>GLIBCXX_3.4.32</c> requirement marked weak (cached per user in
/// <see cref="NativeCacheDirectory"/>). Call <see cref="EnsureLoaded"/> first when your code uses TorchSharp before any
/// MaPLe type.
/// </summary>
public static class TorchRuntime
{
    private static readonly object Gate = new();
    private static bool _cpuLoaded;

    /// <summary>Where patched native libraries are cached: <c>$MAPLE_NATIVE_CACHE</c>, else <c>$XDG_CACHE_HOME/maple/native</c>, else <c>~/.cache/maple/native</c>.</summary>
    public static string NativeCacheDirectory => TorchNativeResolver.CacheDirectory;

    /// <summary>The <c>libLibTorchSharp</c> file that was loaded (a patched copy when the fix applied), or null before loading or off Linux.</summary>
    public static string? LoadedLibrary => TorchNativeResolver.LoadedPath;

    /// <summary>Makes sure libtorch is loaded for <paramref name="device"/> (CPU by default); cheap after the first call.</summary>
    /// <exception cref="TorchRuntimeException">The native runtime cannot be loaded, or CUDA is asked for and not available:
    /// the message names the file, the reason and the package to install.</exception>
    public static void EnsureLoaded(DeviceType device = DeviceType.CPU)
    {
        TorchNativeResolver.Install();
        if (device == DeviceType.CPU && Volatile.Read(ref _cpuLoaded)) return;
        lock (Gate)
        {
            // Load LibTorchSharp ourselves first: a failure then becomes our exception while TorchSharp's type
            // initializer has not run (it fails for good, and prints its own text, when it meets a missing runtime).
            if (OperatingSystem.IsLinux() && TorchNativeResolver.LoadOnce() == IntPtr.Zero && TorchNativeResolver.Failure is { } failure)
                throw TorchNativeResolver.Explain(failure.File, failure.Reason, null);
            try
            {
                torch.InitializeDeviceType(DeviceType.CPU);
            }
            catch (Exception e) when (e is TypeInitializationException or NotSupportedException or DllNotFoundException or EntryPointNotFoundException)
            {
                throw TorchNativeResolver.Diagnose(e);
            }
            _cpuLoaded = true;
            if (device == DeviceType.CUDA && !torch.cuda.is_available())
                throw new TorchRuntimeException(
                    "CUDA was asked for but libtorch has no usable CUDA device: the application references a CPU-only runtime " +
                    "(libtorch-cpu-linux-x64 or TorchSharp-cpu), or no NVIDIA driver/GPU is visible. Reference TorchSharp-cuda-linux " +
                    "(or TorchSharp-cuda-windows) instead, check `nvidia-smi`, or use the CPU.", TorchNativeResolver.LoadedPath);
        }
    }

#pragma warning disable CA2255 // a library module initializer on purpose: the resolver must exist before TorchSharp's first native call
    [ModuleInitializer]
    internal static void InstallResolverOnLoad() => TorchNativeResolver.Install();
#pragma warning restore CA2255
}
