using MaPLe.Runtime;
using MaPLe.Tests.TestSupport;

namespace MaPLe.Tests.Runtime;

/// <summary>
/// The run-time GLIBCXX fix: the ELF edit, the cached copy written safely under concurrency, the error texts, and that
/// this process really runs on the library MaPLe.Core chose.
/// </summary>
public sealed class NativeLibraryFixTests
{
    private static readonly IReadOnlySet<string> Glibcxx332 = new HashSet<string> { "GLIBCXX_3.4.32" };

    /// <summary>TorchSharp's unmodified library from the NuGet package folder (nothing in it is ever edited in place).</summary>
    private static string? PackagedLibrary()
    {
        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
                       ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var path = Path.Combine(packages, "torchsharp", "0.107.0", "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        return OperatingSystem.IsLinux() && File.Exists(path) ? path : null;
    }

    [Fact]
    public void MarksOnlyTheNamedVersionNeedWeakAndIsIdempotent()
    {
        if (PackagedLibrary() is not { } library) return;   // not Linux, or packages restored elsewhere
        var original = File.ReadAllBytes(library);
        var before = ElfVersionNeeds.Read(original);
        Assert.Contains(("GLIBCXX_3.4.32", false), before);   // TorchSharp 0.107.0 ships it strong

        var (patched, changed) = ElfVersionNeeds.MarkWeak(original, Glibcxx332);
        Assert.Equal(1, changed);
        Assert.Equal(original.Length, patched.Length);
        var after = ElfVersionNeeds.Read(patched);
        Assert.Equal(before.Select(v => v.Name), after.Select(v => v.Name));
        // Entries pair up by position (a version name can appear under several libraries).
        Assert.All(before.Zip(after), p => Assert.Equal(p.First.Name == "GLIBCXX_3.4.32" || p.First.Weak, p.Second.Weak));
        Assert.InRange(original.Zip(patched).Count(p => p.First != p.Second), 1, 2);   // one 16-bit flags field

        var (_, again) = ElfVersionNeeds.MarkWeak(patched, Glibcxx332);
        Assert.Equal(0, again);
    }

    [Fact]
    public void ANonElfFileIsRefused()
    {
        var e = Assert.Throws<InvalidDataException>(() => ElfVersionNeeds.MarkWeak("#!/bin/sh\necho not a library\n"u8.ToArray().Concat(new byte[64]).ToArray(), Glibcxx332));
        Assert.Contains("not a 64-bit little-endian ELF", e.Message);
    }

    [Fact]
    public async Task ConcurrentStartsWriteOneCompleteCopy()
    {
        if (PackagedLibrary() is not { } library) return;
        using var cache = new TempDir();
        var expected = ElfVersionNeeds.MarkWeak(File.ReadAllBytes(library), Glibcxx332).Patched;
        var paths = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() =>
            TorchNativeResolver.PatchedCopy(library, ["GLIBCXX_3.4.32"], cache.Path))));
        Assert.Single(paths.Distinct());
        Assert.Equal(expected, File.ReadAllBytes(paths[0]));
        Assert.StartsWith(cache.Path, paths[0]);
        Assert.Equal(["libLibTorchSharp.so"], Directory.GetFiles(Path.GetDirectoryName(paths[0])!).Select(Path.GetFileName));   // no temporary left behind
    }

    [Fact]
    public void AMissingLibstdcxxVersionSaysWhatToInstall()
    {
        var e = TorchNativeResolver.Explain("/app/runtimes/linux-x64/native/libLibTorchSharp.so",
            "Unable to load shared library: /lib/x86_64-linux-gnu/libstdc++.so.6: version `GLIBCXX_3.4.33' not found (required by libLibTorchSharp.so)", null);
        Assert.Equal("/app/runtimes/linux-x64/native/libLibTorchSharp.so", e.FilePath);
        Assert.Contains("lacks GLIBCXX_3.4.33", e.Message);
        Assert.Contains("libstdc++6", e.Message);
    }

    [Fact]
    public void AMissingLibtorchNamesTheRuntimePackages()
    {
        var e = TorchNativeResolver.Explain("/app/libLibTorchSharp.so", "libtorch_cpu.so: cannot open shared object file: No such file or directory", null);
        Assert.Contains("libtorch_cpu.so: cannot open shared object file", e.Message);
        Assert.Contains("libtorch-cpu-linux-x64", e.Message);
        Assert.Contains("TorchSharp-cuda-linux", e.Message);
    }

    [Fact]
    public void ThisProcessRunsOnTheLibraryTheResolverChose()
    {
        TorchRuntime.EnsureLoaded();
        using var sum = TorchSharp.torch.ones(3).sum();
        Assert.Equal(3f, sum.item<float>());
        if (!OperatingSystem.IsLinux()) return;
        Assert.NotNull(TorchRuntime.LoadedLibrary);
        bool systemHas332 = File.Exists("/usr/lib/x86_64-linux-gnu/libstdc++.so.6")
                            && File.ReadAllText("/usr/lib/x86_64-linux-gnu/libstdc++.so.6", System.Text.Encoding.Latin1).Contains("GLIBCXX_3.4.32");
        // Debian 12: only a copy whose need is weak can have loaded: the resolver's cached one (or an output folder
        // patched by an older build of this repository).
        if (!systemHas332 && !TorchRuntime.LoadedLibrary.StartsWith(TorchRuntime.NativeCacheDirectory, StringComparison.Ordinal))
            Assert.Contains(("GLIBCXX_3.4.32", true), ElfVersionNeeds.Read(File.ReadAllBytes(TorchRuntime.LoadedLibrary)));
    }
}
