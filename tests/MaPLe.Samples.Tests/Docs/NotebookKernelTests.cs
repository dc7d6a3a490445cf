using System.Diagnostics;
using MaPLe.Tests.TestSupport;
using Xunit.Abstractions;

namespace MaPLe.Tests.Docs;

/// <summary>
/// Runs only with <c>MAPLE_NOTEBOOK_KERNEL</c> set: to the dotnet-interactive executable, or to <c>1</c> for
/// <c>~/.dotnet/tools/dotnet-interactive</c> (<c>dotnet tool install -g Microsoft.dotnet-interactive</c>). Each notebook
/// restores packages into a real kernel (minutes).
/// </summary>
public sealed class NotebookKernelTheoryAttribute : TheoryAttribute
{
    /// <summary>Skips unless the environment names a kernel.</summary>
    public NotebookKernelTheoryAttribute()
    {
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("MAPLE_NOTEBOOK_KERNEL")))
            Skip = "opt-in: dotnet tool install -g Microsoft.dotnet-interactive, then MAPLE_NOTEBOOK_KERNEL=1 (or the tool's path)";
    }
}

/// <summary>
/// The notebooks as a reader runs them: MaPLe.Core and MaPLe.ToyWorld packed into a temporary folder feed, every code
/// cell submitted in order to a real .NET Interactive kernel, which restores the packages from that feed (TorchSharp
/// and libtorch from the registry) and runs the notebook in quick mode. The one change to the notebook: its
/// <c>#i</c> line names the temporary feed and its <c>MaPLe.*</c> packages the version packed there
/// (<see cref="NotebookPackageSources.PointAt"/>), a version no earlier run used, so the global packages folder never
/// serves a stale build; that version is removed from it afterwards.
/// </summary>
[Collection("Sequential")]
public sealed class NotebookKernelTests(ITestOutputHelper output) : IClassFixture<NotebookKernelTests.LocalFeed>
{
    private const string Folder = "samples/notebooks";
    private static readonly TimeSpan CellTimeout = TimeSpan.FromMinutes(30);   // the first cell restores libtorch (~200 MB)

    [NotebookKernelTheory]
    [MemberData(nameof(NotebookTests.Notebooks), MemberType = typeof(NotebookTests))]
    public async Task RunsInARealKernelFromALocalFeed(string name)
    {
        var feed = LocalFeed.Instance.Value;
        var cells = NotebookProgram.CodeCells(File.ReadAllText(Path.Combine(Fixtures.RepoRoot, Folder, name)));
        using var kernel = new DotNetInteractiveKernel(KernelPath(), Path.Combine(Fixtures.RepoRoot, Folder), new Dictionary<string, string?>
        {
            ["MAPLE_NOTEBOOK_QUICK"] = "1",
            ["MAPLE_ASSETS"] = SampleAssets.Dir,
        });
        var shown = new List<(string MimeType, string Value)>();
        foreach (var cell in cells)
        {
            var code = cell.Index == cells[0].Index ? NotebookPackageSources.PointAt(cell.Source, feed.Folder, feed.Version) : cell.Source;
            var result = await kernel.SubmitAsync(code, CellTimeout);
            foreach (var (mime, value) in result.Outputs.Where(o => o.MimeType == "text/plain"))
                output.WriteLine(value.Length > 2000 ? value[..2000] + " ..." : value);
            Assert.True(result.Succeeded, $"{name} cell {cell.Index} failed in the kernel:\n{result.Error}");
            shown.AddRange(result.Outputs);
        }
        // As in quick mode in memory: at least one picture (a contact sheet or a plot) shown as an inline PNG.
        Assert.Contains(shown, o => o.MimeType == "text/html" && o.Value.Contains("data:image/png;base64,", StringComparison.Ordinal));
    }

    private static string KernelPath()
    {
        var setting = Environment.GetEnvironmentVariable("MAPLE_NOTEBOOK_KERNEL")!;
        var path = setting == "1"
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dotnet", "tools", "dotnet-interactive")
            : setting;
        return File.Exists(path) ? path
            : throw new FileNotFoundException($"MAPLE_NOTEBOOK_KERNEL: '{path}' is not the dotnet-interactive executable (dotnet tool install -g Microsoft.dotnet-interactive).", path);
    }

    /// <summary>MaPLe.Core and MaPLe.ToyWorld packed once for the class into a temporary folder feed.</summary>
    public sealed class LocalFeed : IDisposable
    {
        /// <summary>Packed on first use (the attribute may skip every test).</summary>
        public static readonly Lazy<(string Folder, string Version)> Instance = new(Pack);

        private static readonly TempDir Dir = new();

        private static (string Folder, string Version) Pack()
        {
            string version = $"0.0.0-notebook.{DateTime.UtcNow:yyyyMMddHHmmss}.{Environment.ProcessId}";
            string feed = Dir.File("feed");
            foreach (var project in new[] { "src/MaPLe.Core/MaPLe.Core.csproj", "src/MaPLe.ToyWorld/MaPLe.ToyWorld.csproj" })
            {
                var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Fixtures.RepoRoot };
                foreach (var a in new[] { "pack", project, "-c", "Release", "-o", feed, $"-p:Version={version}", "-nologo", "-v", "quiet" })
                    info.ArgumentList.Add(a);
                using var process = Process.Start(info)!;
                var stdout = process.StandardOutput.ReadToEndAsync();
                var stderr = process.StandardError.ReadToEndAsync();
                process.WaitForExit();
                if (process.ExitCode != 0)
                    throw new InvalidOperationException($"dotnet pack {project} failed:\n{stdout.Result}\n{stderr.Result}");
            }
            return (feed, version);
        }

        /// <inheritdoc />
        public void Dispose()
        {
            if (!Instance.IsValueCreated) return;
            var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } p ? p
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
            foreach (var id in new[] { "maple.core", "maple.toyworld" })
            {
                try { Directory.Delete(Path.Combine(packages, id, Instance.Value.Version), recursive: true); }
                catch (DirectoryNotFoundException) { }
            }
            Dir.Dispose();
        }
    }
}
