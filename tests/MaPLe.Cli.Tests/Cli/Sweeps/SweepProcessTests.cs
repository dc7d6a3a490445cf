using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using MaPLe.Cli;
using MaPLe.Cli.Sweeps;
using MaPLe.Clip;
using MaPLe.Experiments;
using MaPLe.Prompting;
using MaPLe.Tuning;
using MaPLe.Prompting.CoOp;
using MaPLe.Prompting.MaPLe;
using MaPLe.Tests.TestSupport;
using MaPLe.Tokenization;
using MaPLe.ToyWorld;
using MaPLe.Training;
using YamlDotNet.RepresentationModel;

namespace MaPLe.Tests.Cli.Sweeps;

/// <summary>
/// A sweep run as Kubernetes would run it: every cell a separate <c>maple run-spec</c> process started with the
/// Job's command and <c>JOB_COMPLETION_INDEX</c>, all at once; one is killed mid-training and started again. The
/// collected table must equal what <see cref="Base2NovelExperiment"/> computes in this process with the same seeds.
/// </summary>
[Collection("Sequential")]
public sealed class SweepProcessTests
{
    // Small enough for a 2-core CI: 4 shots of 10 base classes, 10 test images per class, 4 epochs.
    private const int Shots = 4, TestPerClass = 10, Epochs = 4;
    private static readonly int[] Seeds = [1, 2];

    private static string Grid(IReadOnlyList<string> methods) => $$"""
        name: process-test
        weights: {{SampleAssets.Weights}}
        vocab: {{SampleAssets.Vocabulary}}
        datasets: [{name: toyworld, testPerClass: {{TestPerClass}}}]
        methods: [{{string.Join(", ", methods)}}]
        seeds: [{{string.Join(", ", Seeds)}}]
        shots: {{Shots}}
        training: {epochs: {{Epochs}}}
        """;

    [Fact]
    public async Task ConcurrentCellProcessesWithAKilledOneCollectToTheInProcessExperiment()
    {
        using var dir = new TempDir();
        string runs = dir.File("runs");
        PromptMethodOptions[] methods = [PromptMethods.For<CoOpOptions>().Defaults(), PromptMethods.For<MaPLeOptions>().Defaults()];
        File.WriteAllText(dir.File("grid.yaml"), Grid(methods.Select(m => m.Method).ToList()));
        var sweepOut = new StringWriter();
        var sweepErr = new StringWriter();
        Assert.True(await MapleCli.RunAsync(["sweep", dir.File("grid.yaml"), "-o", runs], sweepOut, sweepErr) == 0, sweepErr.ToString());
        var index = SweepIndex.Read(runs);
        Assert.Equal(4, index.Cells.Count);

        // The pod command of the generated Job, with the image's 'maple' and the volume mount mapped onto this machine.
        var command = JobCommand(Path.Combine(runs, KubernetesJob.FileName));
        Assert.Equal(["maple", "run-spec", "/runs"], command);
        string[] args = [Path.Combine(AppContext.BaseDirectory, "maple.dll"), .. command.Skip(1).Select(a => a == "/runs" ? runs : a)];

        int victim = index.Cells.ToList().IndexOf("b2n/toyworld/maple/seed1");
        var workers = Enumerable.Range(0, index.Cells.Count).Select(i => Worker.Start(args, i)).ToList();
        string checkpoint = Path.Combine(runs, index.Cells[victim], CellFiles.Checkpoints, TrainingCheckpoint.FileName);
        var deadline = DateTime.UtcNow.AddMinutes(5);
        while (!File.Exists(checkpoint) && !workers[victim].Process.HasExited && DateTime.UtcNow < deadline) await Task.Delay(10);
        Assert.True(File.Exists(checkpoint), $"no checkpoint after epoch 1:\n{workers[victim].Output}");
        workers[victim].Process.Kill();                               // SIGKILL: no chance to clean up or release anything by hand
        await workers[victim].Process.WaitForExitAsync();
        Assert.False(File.Exists(Path.Combine(runs, index.Cells[victim], CellFiles.Result)), "the victim finished before it was killed");
        Assert.True(File.Exists(Path.Combine(runs, index.Cells[victim], CellFiles.Lock + ".owner")));

        var restarted = Worker.Start(args, victim);
        foreach (var w in workers.Where((_, i) => i != victim).Append(restarted))
        {
            await w.Process.WaitForExitAsync();
            Assert.True(w.Process.ExitCode == ExitCodes.Ok, $"cell {w.Index} exited {w.Process.ExitCode}:\n{w.Output}");
        }
        Assert.Contains("took over the stale lock", restarted.Output);
        Assert.Contains("resuming from", restarted.Output);
        var again = Worker.Start(args, victim);                        // a finished cell is skipped, successfully
        await again.Process.WaitForExitAsync();
        Assert.Equal(ExitCodes.Ok, again.Process.ExitCode);
        Assert.Contains("skipped", again.Output);

        var collected = new StringWriter();
        Assert.Equal(0, await MapleCli.RunAsync(["collect", runs], collected, new StringWriter()));
        string markdown = collected.ToString();

        // The same grid in one process with the library's experiment runner.
        using var backbone = ClipBackbone.Load(SampleAssets.Weights);
        var tokenizer = ClipTokenizer.FromBpeFile(SampleAssets.Vocabulary, backbone.Config.Text.VocabularySize - 514);
        var perMethod = methods.ToDictionary(m => m.Method, _ => new List<(double B, double N)>());
        foreach (int seed in Seeds)
        {
            var (baseData, novelData) = ToyWorldTask.CreateBaseToNovel(Shots, TestPerClass, seed);
            var experiment = new Base2NovelExperiment(backbone, tokenizer, new Base2NovelExperimentOptions
            {
                Methods = methods, Seed = seed,
                Training = methods.ToDictionary(m => m.Method, m => PromptMethods.Of(m).DefaultTraining with { Epochs = Epochs }),
            });
            foreach (var run in await experiment.RunAsync(baseData, novelData))
                perMethod[run.Method].Add((run.Result.BaseAccuracy, run.Result.NovelAccuracy));
        }
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(runs, "tables", "results.json")))!;
        var table = json["tables"]!.AsArray().Single(t => (string)t!["key"]! == "b2n-toyworld")!;
        foreach (var (method, runsOfMethod) in perMethod)
        {
            var (b, bStd) = MeanStd(runsOfMethod.Select(r => r.B).ToList());
            var (n, nStd) = MeanStd(runsOfMethod.Select(r => r.N).ToList());
            double hm = 2 * b * n / (b + n);
            string F(double x) => x.ToString("F2", CultureInfo.InvariantCulture);
            Assert.Equal([$"{F(b)} ± {F(bStd)}", $"{F(n)} ± {F(nStd)}", F(hm)], CollectTests.Row(markdown, "Base-to-novel: toyworld", method));
            var values = table["rows"]!.AsArray().Single(r => (string)r!["method"]! == method)!["values"]!.AsArray();
            Assert.Equal(b, (double)values[0]!["mean"]!, 10);
            Assert.Equal(n, (double)values[1]!["mean"]!, 10);
            Assert.Equal(hm, (double)values[2]!["mean"]!, 10);
        }
    }

    private static (double Mean, double Std) MeanStd(IReadOnlyList<double> values)
    {
        double mean = values.Average();
        return (mean, Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1)));
    }

    private static List<string> JobCommand(string manifest)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(manifest)));
        YamlNode node = stream.Documents[0].RootNode;
        foreach (var key in new[] { "spec", "template", "spec", "containers" })
            node = ((YamlMappingNode)node).Children[new YamlScalarNode(key)];
        var container = (YamlMappingNode)((YamlSequenceNode)node).Children[0];
        return ((YamlSequenceNode)container.Children[new YamlScalarNode("command")]).Children.Select(c => ((YamlScalarNode)c).Value!).ToList();
    }

    /// <summary>One <c>maple run-spec</c> process with <c>JOB_COMPLETION_INDEX</c> set, as a pod of an Indexed Job.</summary>
    private sealed class Worker
    {
        private readonly StringBuilder _output = new();

        private Worker(Process process, int index)
        {
            Process = process;
            Index = index;
        }

        public Process Process { get; }

        public int Index { get; }

        public string Output
        {
            get
            {
                lock (_output) return _output.ToString();
            }
        }

        public static Worker Start(IReadOnlyList<string> args, int index)
        {
            var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
            {
                RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            };
            foreach (var a in args) info.ArgumentList.Add(a);
            info.Environment["JOB_COMPLETION_INDEX"] = index.ToString(CultureInfo.InvariantCulture);
            info.Environment["OMP_NUM_THREADS"] = "1";   // as the test host, so the numbers match the in-process run
            var worker = new Worker(new Process { StartInfo = info }, index);
            worker.Process.OutputDataReceived += (_, e) => worker.Append(e.Data);
            worker.Process.ErrorDataReceived += (_, e) => worker.Append(e.Data);
            worker.Process.Start();
            worker.Process.BeginOutputReadLine();
            worker.Process.BeginErrorReadLine();
            return worker;
        }

        private void Append(string? line)
        {
            if (line is null) return;
            lock (_output) _output.AppendLine(line);
        }
    }
}
