using System.Diagnostics;
using MaPLe.Cli;
using MaPLe.Cli.Sweeps;
using MaPLe.Tests.TestSupport;

namespace MaPLe.Tests.Cli.Container;

/// <summary>Runs only with <c>MAPLE_CONTAINER_TESTS=1</c> and podman or docker on PATH: building the image takes minutes and needs its base images.</summary>
public sealed class ContainerFactAttribute : FactAttribute
{
    /// <summary>Skips unless the environment asks for container tests.</summary>
    public ContainerFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("MAPLE_CONTAINER_TESTS") != "1")
            Skip = "opt-in: set MAPLE_CONTAINER_TESTS=1 with podman or docker on PATH (base images from the registry, or MAPLE_CONTAINER_SDK_IMAGE / MAPLE_CONTAINER_RUNTIME_IMAGE)";
    }
}

/// <summary>The repository's Dockerfile as a cluster uses it: built, then a sweep cell run in it with the runs folder mounted.</summary>
public sealed class ContainerImageTests
{
    private const string Tag = "localhost/maple-cli:test";

    [ContainerFact]
    public async Task ImageBuildsAndRunsASweepCell()
    {
        string tool = new[] { "podman", "docker" }.FirstOrDefault(OnPath) ?? throw new InvalidOperationException("MAPLE_CONTAINER_TESTS=1 needs podman or docker on PATH.");
        var build = new List<string> { "build", "-t", Tag };
        foreach (var (arg, variable) in new[] { ("SDK_IMAGE", "MAPLE_CONTAINER_SDK_IMAGE"), ("RUNTIME_IMAGE", "MAPLE_CONTAINER_RUNTIME_IMAGE") })
            if (Environment.GetEnvironmentVariable(variable) is { Length: > 0 } image)
                build.AddRange(["--build-arg", $"{arg}={image}"]);
        build.Add(Fixtures.RepoRoot);
        var (code, output) = await Run(tool, build, TimeSpan.FromMinutes(40));
        Assert.True(code == 0, output);

        (code, output) = await Run(tool, ["run", "--rm", Tag, "--help"], TimeSpan.FromMinutes(2));
        Assert.True(code == 0, output);
        Assert.Contains("run-spec", output);

        using var dir = new TempDir();
        File.WriteAllText(dir.File("grid.yaml"), "datasets: [{name: toyworld, testPerClass: 2}]\nmethods: [maple]\nseeds: [1]\nshots: 1\ntraining: {epochs: 1}\n");
        var err = new StringWriter();
        Assert.True(await MapleCli.RunAsync(["sweep", dir.File("grid.yaml"), "-o", dir.File("runs")], new StringWriter(), err) == 0, err.ToString());
        (code, output) = await Run(tool, ["run", "--rm", "-v", $"{dir.File("runs")}:/runs", "-e", "JOB_COMPLETION_INDEX=0", Tag, "run-spec", "/runs"], TimeSpan.FromMinutes(10));
        Assert.True(code == 0, output);
        Assert.NotNull(CellResult.TryRead(Path.Combine(dir.File("runs"), "b2n/toyworld/maple/seed1", CellFiles.Result)));
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
        await process.WaitForExitAsync(cts.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
