using System.Text.Json;
using MaPLe.Cli;
using MaPLe.Cli.Sweeps;
using MaPLe.Tests.TestSupport;
using YamlDotNet.RepresentationModel;

namespace MaPLe.Tests.Cli.Sweeps;

/// <summary><c>maple sweep</c>: the runs folder, the Kubernetes Job and the SLURM script as the engines read them.</summary>
public sealed class SweepFolderTests
{
    private const string Grid = "name: demo\ndatasets: [{name: toyworld, testPerClass: 3}]\nmethods: [coop, maple]\nseeds: [1, 2, 3]\nshots: 2\n";

    private static async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = await MapleCli.RunAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    private static YamlMappingNode Map(YamlNode node, string key) => (YamlMappingNode)((YamlMappingNode)node).Children[new YamlScalarNode(key)];

    private static string Scalar(YamlNode node, string key) => ((YamlScalarNode)((YamlMappingNode)node).Children[new YamlScalarNode(key)]).Value!;

    [Fact]
    public async Task WritesASpecPerCellAndAnIndexInCompletionOrder()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("grid.yaml"), Grid);
        var (code, output, err) = await Run("sweep", dir.File("grid.yaml"), "-o", dir.File("runs"));
        Assert.True(code == 0, err);
        Assert.Contains("6 cells", output);
        var index = SweepIndex.Read(dir.File("runs"));
        Assert.Equal(["b2n/toyworld/coop/seed1", "b2n/toyworld/coop/seed2", "b2n/toyworld/coop/seed3",
                      "b2n/toyworld/maple/seed1", "b2n/toyworld/maple/seed2", "b2n/toyworld/maple/seed3"], index.Cells);
        for (int i = 0; i < index.Cells.Count; i++)
        {
            var spec = RunSpec.Read(Path.Combine(dir.File("runs"), index.Cells[i], "spec.json"));
            Assert.Equal(i, spec.Index);
            Assert.Equal(index.Cells[i], spec.Id);
            Assert.Equal(index.Cells[i].Split('/')[2], spec.Method);
            Assert.Equal(int.Parse(index.Cells[i][^1..]), spec.Seed);
        }
    }

    [Fact]
    public async Task SweepingTheSameGridAgainChangesNothingAndAChangedGridNeedsForce()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("grid.yaml"), Grid);
        Assert.Equal(0, (await Run("sweep", dir.File("grid.yaml"), "-o", dir.File("runs"))).Code);
        var (code, output, _) = await Run("sweep", dir.File("grid.yaml"), "-o", dir.File("runs"));
        Assert.Equal(0, code);
        Assert.Contains("0 written, 6 unchanged", output);
        string result = Path.Combine(dir.File("runs"), "b2n/toyworld/maple/seed1", CellFiles.Result);
        File.WriteAllText(result, "{}");
        File.WriteAllText(dir.File("grid.yaml"), Grid.Replace("shots: 2", "shots: 4"));
        var refused = await Run("sweep", dir.File("grid.yaml"), "-o", dir.File("runs"));
        Assert.Equal(ExitCodes.Usage, refused.Code);
        Assert.Contains("--force", refused.Err);
        Assert.True(File.Exists(result));
        Assert.Equal(0, (await Run("sweep", dir.File("grid.yaml"), "-o", dir.File("runs"), "--force")).Code);
        Assert.False(File.Exists(result));   // the old result belonged to the old spec
    }

    [Fact]
    public async Task KubernetesJobIsAnIndexedJobWithOneCompletionPerCellAndOneGpuPerPod()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("grid.yaml"), Grid);
        Assert.Equal(0, (await Run("sweep", dir.File("grid.yaml"), "-o", dir.File("runs"), "--device", "cuda", "--parallelism", "2", "--image", "registry.example/maple:1.0")).Code);
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(Path.Combine(dir.File("runs"), KubernetesJob.FileName))));
        var job = (YamlMappingNode)stream.Documents.Single().RootNode;
        Assert.Equal("batch/v1", Scalar(job, "apiVersion"));
        Assert.Equal("Job", Scalar(job, "kind"));
        Assert.Equal("maple-demo", Scalar(Map(job, "metadata"), "name"));
        var spec = Map(job, "spec");
        Assert.Equal("Indexed", Scalar(spec, "completionMode"));
        Assert.Equal("6", Scalar(spec, "completions"));
        Assert.Equal("2", Scalar(spec, "parallelism"));
        var pod = Map(Map(spec, "template"), "spec");
        Assert.Equal("Never", Scalar(pod, "restartPolicy"));   // podFailurePolicy needs it
        var container = (YamlMappingNode)((YamlSequenceNode)pod.Children[new YamlScalarNode("containers")]).Children.Single();
        Assert.Equal("registry.example/maple:1.0", Scalar(container, "image"));
        var command = ((YamlSequenceNode)container.Children[new YamlScalarNode("command")]).Children.Select(c => ((YamlScalarNode)c).Value).ToList();
        Assert.Equal(["maple", "run-spec", "/runs"], command);   // the index comes from JOB_COMPLETION_INDEX
        Assert.Equal("1", Scalar(Map(Map(container, "resources"), "limits"), "nvidia.com/gpu"));
        var rules = (YamlSequenceNode)Map(spec, "podFailurePolicy").Children[new YamlScalarNode("rules")];
        var noRetry = (YamlMappingNode)rules.Children.First(r => Scalar(r, "action") == "FailIndex");
        var codes = ((YamlSequenceNode)Map(noRetry, "onExitCodes").Children[new YamlScalarNode("values")]).Children.Select(c => int.Parse(((YamlScalarNode)c).Value!));
        Assert.Equal([ExitCodes.Usage, ExitCodes.BadInput], codes);
        var mounts = ((YamlSequenceNode)container.Children[new YamlScalarNode("volumeMounts")]).Children.Cast<YamlMappingNode>().ToList();
        Assert.Equal("true", Scalar(mounts.Single(m => Scalar(m, "name") == "data"), "readOnly"));
    }

    [Fact]
    public async Task CpuSweepsAskForNoGpu()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("grid.yaml"), Grid);
        Assert.Equal(0, (await Run("sweep", dir.File("grid.yaml"), "-o", dir.File("runs"))).Code);
        Assert.DoesNotContain("gpu", File.ReadAllText(Path.Combine(dir.File("runs"), KubernetesJob.FileName)));
        Assert.DoesNotContain("gpu", File.ReadAllText(Path.Combine(dir.File("runs"), SlurmScript.FileName)));
    }

    [Fact]
    public async Task SlurmScriptIsAnArrayOverTheCellsRunningRunSpec()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("grid.yaml"), Grid);
        Assert.Equal(0, (await Run("sweep", dir.File("grid.yaml"), "-o", dir.File("runs"), "--device", "cuda", "--slurm-runs-path", "/shared/my runs", "--parallelism", "4")).Code);
        string path = Path.Combine(dir.File("runs"), SlurmScript.FileName);
        var lines = File.ReadAllLines(path);
        Assert.Equal("#!/bin/bash", lines[0]);
        var directives = lines.Where(l => l.StartsWith("#SBATCH ", StringComparison.Ordinal)).Select(l => l["#SBATCH ".Length..]).ToList();
        Assert.Contains("--array=0-5%4", directives);
        Assert.Contains("--gres=gpu:1", directives);
        Assert.Contains("--output=/shared/my runs/logs/%x-%A_%a.out", directives);
        int firstCommand = Array.FindIndex(lines, l => !l.StartsWith('#'));
        Assert.True(lines.Skip(firstCommand).All(l => !l.StartsWith("#SBATCH", StringComparison.Ordinal)), "sbatch ignores directives after the first command");
        Assert.Equal("exec maple run-spec '/shared/my runs'", lines[^1]);   // the index comes from SLURM_ARRAY_TASK_ID
        Assert.True(File.GetUnixFileMode(path).HasFlag(UnixFileMode.UserExecute));
        Assert.True(Directory.Exists(Path.Combine(dir.File("runs"), SlurmScript.LogFolder)));
    }

    [Fact]
    public async Task ExampleGridIsReadyToSweep()
    {
        using var dir = new TempDir();
        var (code, text, _) = await Run("sweep", "--example", "toyworld");
        Assert.Equal(0, code);
        File.WriteAllText(dir.File("toyworld.yaml"), text);
        var (sweep, output, err) = await Run("sweep", dir.File("toyworld.yaml"), "-o", dir.File("runs"));
        Assert.True(sweep == 0, err);
        Assert.Contains("4 cells", output);
        var index = SweepIndex.Read(dir.File("runs"));
        Assert.Equal(2, index.Methods.Count);
        Assert.Equal([1, 2], index.Seeds);
    }

    [Fact]
    public async Task RunSpecRefusesAnIndexOutsideTheSweep()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("grid.yaml"), Grid);
        Assert.Equal(0, (await Run("sweep", dir.File("grid.yaml"), "-o", dir.File("runs"))).Code);
        var (code, _, err) = await Run("run-spec", dir.File("runs"), "--index", "6");
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("0 to 5", err);
    }

    [Fact]
    public void IndexComesFromTheEngineVariables()
    {
        Assert.Equal(["JOB_COMPLETION_INDEX", "SLURM_ARRAY_TASK_ID"], MaPLe.Cli.Commands.RunSpecCommand.IndexVariables);
    }

    [Fact]
    public void ALockIsHeldUntilReleasedAndAStaleOwnerIsReported()
    {
        using var dir = new TempDir();
        using (var first = CellLock.TryAcquire(dir.Path, out _))
        {
            Assert.NotNull(first);
            Assert.True(CellLock.IsHeld(dir.Path));
            Assert.Null(CellLock.TryAcquire(dir.Path, out var holder));
            Assert.Equal(Environment.ProcessId, holder!.Pid);
        }
        Assert.False(CellLock.IsHeld(dir.Path));
        // A worker killed with its lock leaves the owner note behind; the kernel has released the file lock.
        File.WriteAllText(Path.Combine(dir.Path, CellFiles.Lock + ".owner"), JsonSerializer.Serialize(new CellLockOwner("node-7", 4242, DateTime.UtcNow), RunSpec.Json));
        using var next = CellLock.TryAcquire(dir.Path, out _);
        Assert.Equal("node-7", next!.TookOverFrom!.Host);
    }
}
