using System.Reflection;
using MaPLe.Runtime;

namespace MaPLe.Cli.Commands;

/// <summary>
/// Where <c>maple runtime install</c> puts libtorch for the tool (which ships without it): one folder per flavour
/// (<c>cpu</c>, <c>cuda</c>) under <c>$MAPLE_RUNTIME_DIR</c>, else <c>$XDG_DATA_HOME/maple/runtime</c>, else
/// <c>~/.local/share/maple/runtime</c>.
/// </summary>
public static class TorchRuntimeStore
{
    /// <summary>The flavours and the NuGet package that brings each one's native libraries.</summary>
    public static IReadOnlyDictionary<string, (string Package, string Version)> Flavours { get; } = new Dictionary<string, (string, string)>
    {
        ["cpu"] = ("libtorch-cpu-linux-x64", Metadata("LibTorchCpuVersion")),
        ["cuda"] = ("TorchSharp-cuda-linux", Metadata("TorchSharpVersion")),
    };

    /// <summary>The store's root folder.</summary>
    public static string Root
    {
        get
        {
            var explicitDir = Environment.GetEnvironmentVariable("MAPLE_RUNTIME_DIR");
            if (!string.IsNullOrWhiteSpace(explicitDir)) return explicitDir;
            var xdg = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
            var data = !string.IsNullOrWhiteSpace(xdg) ? xdg : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share");
            return Path.Combine(data, "maple", "runtime");
        }
    }

    /// <summary>The folder of <paramref name="flavour"/>.</summary>
    public static string FolderOf(string flavour) => Path.Combine(Root, flavour);

    /// <summary>Whether <paramref name="flavour"/> is installed (its libtorch_cpu.so is there).</summary>
    public static bool IsInstalled(string flavour) => File.Exists(Path.Combine(FolderOf(flavour), "libtorch_cpu.so"));

    /// <summary>
    /// Tells MaPLe.Core's native loader about the installed runtimes, the one <paramref name="device"/> needs first (a
    /// CUDA build also runs on the CPU). Must run before the first tensor.
    /// </summary>
    public static void Register(string device)
    {
        var order = device.Equals("cuda", StringComparison.OrdinalIgnoreCase) ? new[] { "cuda", "cpu" } : ["cpu", "cuda"];
        foreach (var flavour in order.Where(IsInstalled))
            if (!TorchNativeResolver.LibTorchDirectories.Contains(FolderOf(flavour)))
                TorchNativeResolver.LibTorchDirectories.Add(FolderOf(flavour));
    }

    private static string Metadata(string key) =>
        typeof(TorchRuntimeStore).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == key)?.Value
        ?? throw new InvalidOperationException($"The maple assembly lacks its {key} metadata (a build problem).");
}
