using System.CommandLine;
using System.Diagnostics;
using System.Globalization;

namespace MaPLe.Cli.Commands;

/// <summary>
/// <c>maple runtime install cpu|cuda</c> and <c>maple runtime status</c>: the tool ships without libtorch (so it stays
/// small and the user picks CPU or CUDA); this installs the chosen native runtime from NuGet with the .NET SDK that
/// installed the tool.
/// </summary>
public static class RuntimeCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(CliContext context)
    {
        var flavour = new Argument<string>("flavour") { Description = "cpu (libtorch for x64 Linux, about 200 MB) or cuda (TorchSharp-cuda-linux: libtorch with CUDA, several GB; needs an NVIDIA driver)" };
        var install = new Command("install", "Download libtorch (cpu or cuda) from NuGet into the maple runtime folder") { flavour };
        install.SetAction(async (parse, ct) => await InstallAsync(context, parse.GetValue(flavour)!, ct));
        var status = new Command("status", "Show the installed runtimes and which one 'maple' would load");
        status.SetAction(_ => Status(context));
        return new Command("runtime", "Install or inspect the libtorch runtime the maple tool uses") { install, status };
    }

    private static int Status(CliContext context)
    {
        context.Out.WriteLine($"runtime folder: {TorchRuntimeStore.Root}");
        foreach (var (name, (package, version)) in TorchRuntimeStore.Flavours)
            context.Out.WriteLine(TorchRuntimeStore.IsInstalled(name)
                ? $"{name}: installed ({package} {version}) in {TorchRuntimeStore.FolderOf(name)}"
                : $"{name}: not installed ('maple runtime install {name}')");
        var beside = Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", "libtorch_cpu.so");
        if (File.Exists(beside)) context.Out.WriteLine($"bundled: {Path.GetDirectoryName(beside)} (a build with libtorch beside the tool; used first)");
        return ExitCodes.Ok;
    }

    private static async Task<int> InstallAsync(CliContext context, string flavour, CancellationToken ct)
    {
        flavour = flavour.ToLowerInvariant();
        if (!TorchRuntimeStore.Flavours.TryGetValue(flavour, out var source))
            throw new ArgumentException($"Unknown runtime '{flavour}': use cpu or cuda.");
        if (!OperatingSystem.IsLinux())
            throw new ArgumentException("'maple runtime install' installs the Linux x64 runtimes; on Windows reference TorchSharp-cpu or TorchSharp-cuda-windows in a project instead.");
        var work = Directory.CreateTempSubdirectory("maple-runtime-");
        try
        {
            // A throw-away project that references the runtime package: building it restores the package and lets its
            // own build logic assemble the native files (the CUDA packages split large libraries into parts).
            await File.WriteAllTextAsync(Path.Combine(work.FullName, "runtime.csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <OutputType>Exe</OutputType>
                    <TargetFramework>net{Environment.Version.Major}.0</TargetFramework>
                    <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
                  </PropertyGroup>
                  <ItemGroup>
                    <PackageReference Include="{source.Package}" Version="{source.Version}" />
                  </ItemGroup>
                </Project>
                """, ct);
            await File.WriteAllTextAsync(Path.Combine(work.FullName, "Program.cs"), "return 0;\n", ct);
            context.Error.WriteLine($"installing {source.Package} {source.Version} (dotnet build of a temporary project; this downloads the package once)...");
            var output = Path.Combine(work.FullName, "out");
            int code = await RunDotnetAsync(context, work.FullName, ["build", "runtime.csproj", "-c", "Release", "-o", output, "-nologo", "-v", "quiet"], ct);
            if (code != 0)
                throw new IOException($"'dotnet build' of the runtime project failed (exit {code}); the lines above say why (no network, no SDK for .NET {Environment.Version.Major}, disk full).");
            var natives = Path.Combine(output, "runtimes", "linux-x64", "native");
            if (!File.Exists(Path.Combine(natives, "libtorch_cpu.so")))
                throw new IOException($"{source.Package} {source.Version} brought no libtorch_cpu.so for linux-x64 (looked in {natives}).");
            long bytes = Install(natives, TorchRuntimeStore.FolderOf(flavour));
            context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"installed {flavour} runtime ({source.Package} {source.Version}, {bytes / 1e6:F0} MB) in {TorchRuntimeStore.FolderOf(flavour)}"));
            return ExitCodes.Ok;
        }
        finally
        {
            try { work.Delete(recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    /// <summary>Copies the native files into a fresh folder beside the target, then swaps it in by renames.</summary>
    private static long Install(string natives, string target)
    {
        var parent = Path.GetDirectoryName(Path.GetFullPath(target))!;
        Directory.CreateDirectory(parent);
        var staging = Path.Combine(parent, $".{Path.GetFileName(target)}.{Environment.ProcessId}.{Guid.NewGuid():N}");
        Directory.CreateDirectory(staging);
        long bytes = 0;
        foreach (var file in Directory.GetFiles(natives))
        {
            var name = Path.GetFileName(file);
            if (name.StartsWith("libLibTorchSharp", StringComparison.Ordinal)) continue;   // the tool's own TorchSharp build is used
            File.Copy(file, Path.Combine(staging, name));
            bytes += new FileInfo(file).Length;
        }
        var old = Directory.Exists(target) ? Path.Combine(parent, $".{Path.GetFileName(target)}.old.{Guid.NewGuid():N}") : null;
        if (old is not null) Directory.Move(target, old);
        Directory.Move(staging, target);
        if (old is not null) Directory.Delete(old, recursive: true);
        return bytes;
    }

    private static async Task<int> RunDotnetAsync(CliContext context, string directory, string[] arguments, CancellationToken ct)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        using var process = Process.Start(start) ?? throw new IOException("Could not start 'dotnet': install the .NET SDK (the one that installed this tool).");
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0)
        {
            context.Error.Write(await stdout);
            context.Error.Write(await stderr);
        }
        return process.ExitCode;
    }
}
