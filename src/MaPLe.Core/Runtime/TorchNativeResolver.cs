using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using TorchSharp;

namespace MaPLe.Runtime;

/// <summary>
/// TorchSharp's native-library resolver (Linux). When <c>libLibTorchSharp.so</c> fails to load only because libstdc++
/// lacks a symbol version known to be unused (TorchSharp 0.107.0 declares <c>GLIBCXX_3.4.32</c> for a symbol nothing
/// relocates), it writes a copy with that version need marked weak into the per-user cache (once per original file,
/// atomically: two processes racing both end up with the same complete file) and loads the copy, after loading libtorch
/// by path so the copy's dependencies resolve. Every other failure is recorded for <see cref="Diagnose"/>.
/// </summary>
internal static partial class TorchNativeResolver
{
    private const string LibraryName = "LibTorchSharp";
    private const string FileName = "libLibTorchSharp.so";
    private const string Rid = "linux-x64";

    /// <summary>Symbol versions whose need may be weakened: verified unused by TorchSharp 0.107.0's library.</summary>
    private static readonly IReadOnlySet<string> WeakenableVersions = new HashSet<string>(StringComparer.Ordinal) { "GLIBCXX_3.4.32" };

    /// <summary>libtorch's own libraries that LibTorchSharp links, in dependency order.</summary>
    private static readonly string[] LibTorchLibraries = ["libc10.so", "libtorch_cpu.so", "libtorch.so", "libc10_cuda.so", "libtorch_cuda.so"];

    private static readonly object Gate = new();
    private static int _installed;
    private static IntPtr _handle;
    private static (string? File, string Reason)? _failure;

    public static string? LoadedPath { get; private set; }

    public static string CacheDirectory
    {
        get
        {
            var explicitDir = Environment.GetEnvironmentVariable("MAPLE_NATIVE_CACHE");
            if (!string.IsNullOrWhiteSpace(explicitDir)) return explicitDir;
            var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
            var root = !string.IsNullOrWhiteSpace(xdg) ? xdg : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
            return Path.Combine(root, "maple", "native");
        }
    }

    public static void Install()
    {
        if (!OperatingSystem.IsLinux() || Interlocked.Exchange(ref _installed, 1) == 1) return;
        // TorchSharp first loads the library explicitly (NativeLibrary.TryLoad by name), which never consults a
        // DllImportResolver but raises ResolvingUnmanagedDll when the normal probe fails; its P/Invokes use the resolver.
        var context = AssemblyLoadContext.GetLoadContext(typeof(torch).Assembly) ?? AssemblyLoadContext.Default;
        context.ResolvingUnmanagedDll += (assembly, name) => Resolve(name, assembly, null);
        try
        {
            NativeLibrary.SetDllImportResolver(typeof(torch).Assembly, Resolve);
        }
        catch (InvalidOperationException)
        {
            // The application set its own resolver for TorchSharp: it is in charge of loading.
        }
    }

    private static IntPtr Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath) =>
        libraryName == LibraryName ? LoadOnce() : IntPtr.Zero;

    /// <summary>
    /// Loads LibTorchSharp (once) and returns its handle, or zero with the reason kept for <see cref="Diagnose"/>.
    /// <see cref="TorchRuntime.EnsureLoaded"/> calls it before TorchSharp does, so a failure is reported without
    /// TorchSharp's type initializer failing for good (and without its console text).
    /// </summary>
    public static IntPtr LoadOnce()
    {
        if (_handle != IntPtr.Zero) return _handle;
        lock (Gate)
        {
            if (_handle == IntPtr.Zero) _handle = Load();
            return _handle;
        }
    }

    /// <summary>The reason the last load failed, or null.</summary>
    public static (string? File, string Reason)? Failure => _failure;

    private static readonly bool TraceEnabled = Environment.GetEnvironmentVariable("MAPLE_NATIVE_TRACE") is "1" or "true";

    /// <summary>With <c>MAPLE_NATIVE_TRACE=1</c>, each step of the native load goes to standard error.</summary>
    private static void Trace(string message)
    {
        if (TraceEnabled) Console.Error.WriteLine($"maple-native: {message}");
    }

    private static IntPtr Load()
    {
        var handle = LoadCore();
        Trace(handle != IntPtr.Zero ? $"loaded {LoadedPath}" : $"failed: {_failure}");
        return handle;
    }

    private static IntPtr LoadCore()
    {
        var original = Candidates().FirstOrDefault(File.Exists);
        if (original is null)
        {
            _failure = (null, $"{FileName} is not next to the application nor in the TorchSharp package ({string.Join(", ", Candidates().Select(Path.GetDirectoryName).Distinct())}).");
            return IntPtr.Zero;
        }
        Trace($"trying {original}");
        if (TryLoad(original, out var handle, out var error)) return Loaded(original, handle);
        Trace($"  {error}");
        var libTorch = FindLibTorchDirectory(Path.GetDirectoryName(original)!);
        if (libTorch is not null && libTorch != Path.GetDirectoryName(original))
        {
            // A notebook or script: TorchSharp and libtorch sit in separate package folders; load libtorch by path first.
            Preload(libTorch);
            if (TryLoad(original, out handle, out error)) return Loaded(original, handle);
        }
        var missing = MissingVersions().Matches(error).Select(m => m.Groups[1].Value).Distinct().ToList();
        if (missing.Count == 0 || !missing.All(WeakenableVersions.Contains))
        {
            _failure = (original, error);
            return IntPtr.Zero;
        }
        string patched;
        try
        {
            patched = PatchedCopy(original, missing, CacheDirectory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            _failure = (original, $"{error} (a copy with {string.Join(", ", missing)} marked weak could not be written to {CacheDirectory}: {e.Message})");
            return IntPtr.Zero;
        }
        Trace($"patched copy {patched}; libtorch from {libTorch ?? "(not found)"}");
        if (libTorch is not null) Preload(libTorch);
        if (TryLoad(patched, out handle, out var patchedError)) return Loaded(patched, handle);
        _failure = (patched, patchedError);
        return IntPtr.Zero;
    }

    private static IntPtr Loaded(string path, IntPtr handle)
    {
        LoadedPath = path;
        _failure = null;
        return handle;
    }

    private static bool TryLoad(string path, out IntPtr handle, out string error)
    {
        try
        {
            handle = NativeLibrary.Load(path);
            error = "";
            return true;
        }
        catch (DllNotFoundException e)
        {
            handle = IntPtr.Zero;
            // .NET prefixes the loader's words with advice about strace/LD_DEBUG: keep the loader's words.
            const string marker = "LD_DEBUG environment variable:";
            int at = e.Message.IndexOf(marker, StringComparison.Ordinal);
            error = (at >= 0 ? e.Message[(at + marker.Length)..] : e.Message).Trim();
            return false;
        }
    }

    /// <summary>Where the library may be: the application's runtimes folder or base folder, beside TorchSharp.dll, or TorchSharp's package folder.</summary>
    private static IEnumerable<string> Candidates()
    {
        var app = AppContext.BaseDirectory;
        yield return Path.Combine(app, "runtimes", Rid, "native", FileName);
        yield return Path.Combine(app, FileName);
        var torchSharp = Path.GetDirectoryName(typeof(torch).Assembly.Location);
        if (string.IsNullOrEmpty(torchSharp)) yield break;
        yield return Path.Combine(torchSharp, FileName);
        yield return Path.GetFullPath(Path.Combine(torchSharp, "..", "..", "runtimes", Rid, "native", FileName));
    }

    /// <summary>
    /// Folders holding libtorch that an application names before the first tensor (the <c>maple</c> tool's installed
    /// runtime); <c>$MAPLE_LIBTORCH_DIR</c> is looked at first.
    /// </summary>
    internal static List<string> LibTorchDirectories { get; } = [];

    /// <summary>
    /// The folder holding libtorch_cpu.so: <c>$MAPLE_LIBTORCH_DIR</c>, beside LibTorchSharp, an application-named folder,
    /// else the newest libtorch-cpu-linux-x64 package beside TorchSharp's.
    /// </summary>
    private static string? FindLibTorchDirectory(string libTorchSharpDirectory)
    {
        string? named = Environment.GetEnvironmentVariable("MAPLE_LIBTORCH_DIR");
        foreach (var directory in new[] { named, libTorchSharpDirectory }.Concat(LibTorchDirectories))
            if (!string.IsNullOrWhiteSpace(directory) && File.Exists(Path.Combine(directory, "libtorch_cpu.so")))
                return directory;
        var torchSharp = Path.GetDirectoryName(typeof(torch).Assembly.Location);
        if (string.IsNullOrEmpty(torchSharp)) return null;
        var packages = Path.GetFullPath(Path.Combine(torchSharp, "..", "..", "..", ".."));
        var package = Path.Combine(packages, "libtorch-cpu-linux-x64");
        if (!Directory.Exists(package)) return null;
        return Directory.GetDirectories(package)
            .Select(v => (Version: Version.TryParse(Path.GetFileName(v), out var parsed) ? parsed : new Version(0, 0), Native: Path.Combine(v, "runtimes", Rid, "native")))
            .Where(v => File.Exists(Path.Combine(v.Native, "libtorch_cpu.so")))
            .OrderByDescending(v => v.Version)
            .Select(v => v.Native)
            .FirstOrDefault();
    }

    private static void Preload(string directory)
    {
        foreach (var name in LibTorchLibraries)
        {
            var path = Path.Combine(directory, name);
            if (File.Exists(path)) NativeLibrary.TryLoad(path, out _);
        }
    }

    /// <summary>The cached patched copy of <paramref name="original"/> under <paramref name="cacheDirectory"/>, written once (temporary name, then an atomic rename).</summary>
    internal static string PatchedCopy(string original, IReadOnlyList<string> versions, string cacheDirectory)
    {
        var bytes = File.ReadAllBytes(original);
        var key = Convert.ToHexStringLower(SHA256.HashData(bytes))[..16] + "-" + string.Join("+", versions.Order(StringComparer.Ordinal));
        var directory = Path.Combine(cacheDirectory, key);
        var target = Path.Combine(directory, FileName);
        if (File.Exists(target)) return target;
        var (patched, changed) = ElfVersionNeeds.MarkWeak(bytes, versions.ToHashSet(StringComparer.Ordinal));
        if (changed == 0) throw new InvalidDataException($"{original} declares no need of {string.Join(", ", versions)} to mark weak.");
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{FileName}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(patched);
                stream.Flush(flushToDisk: true);
            }
            if (!OperatingSystem.IsWindows())
                File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                                                | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
            // rename(2) replaces atomically: a racing process renames identical bytes over it, and no reader sees a partial file.
            File.Move(temporary, target, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
        return target;
    }

    /// <summary>What to reference, said whenever the runtime is missing or unusable.</summary>
    internal const string RuntimePackages =
        "Reference exactly one runtime package beside MaPLe.Core: libtorch-cpu-linux-x64 2.10.0 (Linux, CPU), " +
        "TorchSharp-cpu 0.107.0 (any OS, CPU), TorchSharp-cuda-linux or TorchSharp-cuda-windows 0.107.0 (NVIDIA GPU).";

    /// <summary>Turns TorchSharp's load failure into a message naming the file, the reason and what to install.</summary>
    public static TorchRuntimeException Diagnose(Exception failure)
    {
        var recorded = _failure;
        if (!OperatingSystem.IsLinux() || recorded is null)
            return new TorchRuntimeException($"libtorch could not be loaded ({Innermost(failure)}). {RuntimePackages}", LoadedPath, failure);
        return Explain(recorded.Value.File, recorded.Value.Reason, failure);
    }

    /// <summary>The exception for a load of <paramref name="file"/> that failed with the loader's <paramref name="reason"/>.</summary>
    internal static TorchRuntimeException Explain(string? file, string reason, Exception? failure)
    {
        if (file is null)
            return new TorchRuntimeException($"libtorch could not be loaded: {reason} {RuntimePackages}", null, failure);
        var missing = MissingVersions().Matches(reason).Select(m => m.Groups[1].Value).Distinct().ToList();
        string remedy = missing.Count > 0
            ? $"The system's libstdc++/glibc lacks {string.Join(", ", missing)}: install a newer libstdc++6 (from GCC 13 or later, e.g. " +
              "the distribution's next release or its backports) or run on a newer OS image."
            : reason.Contains("libtorch", StringComparison.Ordinal) || reason.Contains("libc10", StringComparison.Ordinal)
                ? RuntimePackages
                : $"Check that the file is complete and built for this machine (x64 Linux). {RuntimePackages}";
        return new TorchRuntimeException($"libtorch could not be loaded: {file}: {reason.TrimEnd('.', ' ')}. {remedy}", file, failure);
    }

    private static string Innermost(Exception e)
    {
        while (e.InnerException is not null) e = e.InnerException;
        var firstLine = e.Message.Split('\n', 2)[0].Trim();
        return $"{e.GetType().Name}: {firstLine}";
    }

    [GeneratedRegex(@"version [`'](GLIBCXX_[0-9.]+|GLIBC_[0-9.]+|CXXABI_[0-9.]+)' not found")]
    private static partial Regex MissingVersions();
}
