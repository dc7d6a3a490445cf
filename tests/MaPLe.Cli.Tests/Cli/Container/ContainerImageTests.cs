using System.Diagnostics;
using System.Reflection;
using MaPLe.Cli;
using MaPLe.Cli.Sweeps;
using MaPLe.Tests.TestSupport;

namespace MaPLe.Tests.Cli.Container;

/// <summary>Runs only with <c>MAPLE_CONTAINER_TESTS=1</c> and podman or docker on PATH: building an image takes minutes and needs base images.</summary>
public sealed class ContainerFactAttribute : FactAttribute
{
    /// <summary>Skips unless the environment asks for container tests.</summary>
    public ContainerFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("MAPLE_CONTAINER_TESTS") != "1")
            Skip = "opt-in: set MAPLE_CONTAINER_TESTS=1 with podman or docker on PATH; base images from the registry, or " +
                   "MAPLE_CONTAINER_SDK_IMAGE / MAPLE_CONTAINER_RUNTIME_IMAGE (docker/offline-base-images.sh makes both offline)";
    }
}

/// <summary>
/// The two container recipes of docs/scale-out.md as a cluster uses them: the image is built, <c>maple --version</c> runs
/// in it, and one toy-world sweep cell runs in it with the runs folder mounted, leaving its <c>result.json</c> on the host.
/// Base images: <c>MAPLE_CONTAINER_SDK_IMAGE</c> / <c>MAPLE_CONTAINER_RUNTIME_IMAGE</c>, else the Dockerfile's defaults.
/// </summary>
public sealed class ContainerImageTests
{
    private static readonly string? SdkImage = Environment.GetEnvironmentVariable("MAPLE_CONTAINER_SDK_IMAGE") is { Length: > 0 } s ? s : null;
    private static readonly string? RuntimeImage = Environment.GetEnvironmentVariable("MAPLE_CONTAINER_RUNTIME_IMAGE") is { Length: > 0 } r ? r : null;

    /// <summary>The repository's Dockerfile: the CLI is published inside the SDK image, then copied onto the runtime image.</summary>
    [ContainerFact]
    public async Task DockerfileImageRunsASweepCell()
    {
        const string tag = "localhost/maple-cli:test";
        var build = new List<string> { "build", "-t", tag };
        AddBaseImage(build, "SDK_IMAGE", SdkImage);
        AddBaseImage(build, "RUNTIME_IMAGE", RuntimeImage);
        build.Add(Fixtures.RepoRoot);
        await BuildRunAndRemove(build, tag);
    }

    /// <summary>docker/prebuilt.Dockerfile: the CLI published on this machine, copied onto the runtime image (no SDK image).</summary>
    [ContainerFact]
    public async Task PrebuiltImageRunsASweepCell()
    {
        const string tag = "localhost/maple-cli:test-prebuilt";
        using var publish = new TempDir();
        var (code, output) = await Run("dotnet", ["publish", Path.Combine(Fixtures.RepoRoot, "src", "MaPLe.Cli", "MaPLe.Cli.csproj"),
            "-c", "Release", "-o", publish.Path, "-p:UseAppHost=true"], TimeSpan.FromMinutes(30));
        Assert.True(code == 0, output);
        var build = new List<string> { "build", "-t", tag, "-f", Path.Combine(Fixtures.RepoRoot, "docker", "prebuilt.Dockerfile") };
        AddBaseImage(build, "RUNTIME_IMAGE", RuntimeImage);
        build.Add(publish.Path);
        await BuildRunAndRemove(build, tag);
    }

    private static void AddBaseImage(List<string> build, string arg, string? image)
    {
        if (image is not null) build.AddRange(["--build-arg", $"{arg}={image}"]);
    }

    private static async Task BuildRunAndRemove(IReadOnlyList<string> build, string tag)
    {
        string tool = new[] { "podman", "docker" }.FirstOrDefault(OnPath) ?? throw new InvalidOperationException("MAPLE_CONTAINER_TESTS=1 needs podman or docker on PATH.");
        try
        {
            var (code, output) = await Run(tool, build, TimeSpan.FromMinutes(40));
            Assert.True(code == 0, output);
            await AssertRunsASweepCell(tool, tag);
        }
        finally
        {
            await Run(tool, ["rmi", "--force", tag], TimeSpan.FromMinutes(2));
        }
    }

    private static async Task AssertRunsASweepCell(string tool, string tag)
    {
        var (code, output) = await Run(tool, ["run", "--rm", tag, "--version"], TimeSpan.FromMinutes(2));
        Assert.True(code == 0, output);
        // The image's build may lack the git commit suffix (+sha): the released version itself must match.
        string version = typeof(MapleCli).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion.Split('+')[0];
        Assert.StartsWith(version, output.Trim());

        using var dir = new TempDir();
        File.WriteAllText(dir.File("grid.yaml"), "datasets: [{name: toyworld, testPerClass: 2}]\nmethods: [maple]\nseeds: [1]\nshots: 1\ntraining: {epochs: 1}\n");
        var err = new StringWriter();
        Assert.True(await MapleCli.RunAsync(["sweep", dir.File("grid.yaml"), "-o", dir.File("runs")], new StringWriter(), err) == 0, err.ToString());
        (code, output) = await Run(tool, ["run", "--rm", "-v", $"{dir.File("runs")}:/runs", "-e", "JOB_COMPLETION_INDEX=0", tag, "run-spec", "/runs"], TimeSpan.FromMinutes(10));
        Assert.True(code == 0, output);
        var result = CellResult.TryRead(Path.Combine(dir.File("runs"), "b2n/toyworld/maple/seed1", CellFiles.Result));
        Assert.NotNull(result);
        Assert.Equal("b2n/toyworld/maple/seed1", result.Id);
        Assert.Equal(1, result.Training?.Epochs);
        Assert.True(result.Base is { Samples: > 0 } && result.Novel is { Samples: > 0 }, "the cell evaluated no base or novel images");
        // The container has its own host name: the cell really ran in the image, not on this machine.
        Assert.NotEqual(Environment.MachineName, result.Host);
    }

    private static bool OnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(d => File.Exists(Path.Combine(d, name)));

    private static async Task<(int Code, string Output)> Run(string tool, IEnumerable<string> args, TimeSpan timeout)
    {
        var info = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{tool} {string.Join(' ', info.ArgumentList)} ran past {timeout}.");
        }
        return (process.ExitCode, await stdout + await stderr);
    }
}
