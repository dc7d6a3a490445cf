using System.Text;
using System.Text.Json;
using MaPLe.Cli.Sharding;
using MaPLe.Cli.Sweeps;
using MaPLe.Evaluation;
using MaPLe.Tests.Hostile;
using MaPLe.Tests.TestSupport;

namespace MaPLe.Tests.Cli.Hostile;

/// <summary>
/// The scale-out files as readers (issue 15): grid files (YAML and JSON), run specs and shard part files, each mutated
/// hundreds of times; only <see cref="MaPLe.MalformedFileException"/>s (bad input, exit 3) may escape.
/// </summary>
public sealed class SweepFileFuzzTests
{
    private const int Mutations = 300;

    private const string Grid = """
        name: fuzz
        protocol: b2n
        dataRoot: /data
        datasets:
          - eurosat
          - name: toy
            dataset: toyworld
            testPerClass: 7
        methods:
          - coop
          - id: maple
            name: maple-d3
            options:
              promptDepth: 3
            training: {epochs: 2, batchSize: 8}
        seeds: [1, 2]
        shots: [4, 16]
        training:
          learningRate: 0.01
        """;

    private static void AssertNone(List<string> failures) =>
        Assert.True(failures.Count == 0, $"{failures.Count} mutations escaped:\n" + string.Join("\n", failures.Take(15)));

    private static bool BadInput(Exception e) => e is MaPLe.MalformedFileException;

    [Fact]
    public void YamlGridFiles() =>
        AssertNone(Fuzzer.Run(Encoding.UTF8.GetBytes(Grid), ".yaml", path => SweepPlanner.Plan(GridReader.Read(path), "cpu"), BadInput, Mutations, seed: 21));

    [Fact]
    public void JsonGridFiles()
    {
        var json = GridDocument.ParseYaml(Grid, "g.yaml").ToJsonString();
        AssertNone(Fuzzer.Run(Encoding.UTF8.GetBytes(json), ".json", path => SweepPlanner.Plan(GridReader.Read(path), "cpu"), BadInput, Mutations, seed: 22));
    }

    [Fact]
    public void RunSpecs()
    {
        var spec = SweepPlanner.Plan(GridReader.Parse(GridDocument.ParseYaml(Grid, "g.yaml"), "g.yaml"), "cpu")[^1];
        var valid = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(spec, RunSpec.Json));
        AssertNone(Fuzzer.Run(valid, ".json", path => RunSpec.Read(path), BadInput, Mutations, seed: 23));
    }

    [Fact]
    public void PredictionParts()
    {
        using var dir = new TempDir();
        var part = new ShardPart
        {
            Kind = ShardPart.PredictionsKind, Shard = 1, Of = 1, Total = 3, Count = 3, Run = "0123456789abcdef", Header = "image,class1,p1",
            Lines = [new PositionedLine(0, "a.png,cat,0.900000"), new PositionedLine(2, "c.png,dog,0.600000")], Skipped = [1],
        };
        part.Write(dir.File("part.json"));
        AssertNone(Fuzzer.Run(File.ReadAllBytes(dir.File("part.json")), ".json", path => ShardMerger.Merge([path], dir.File("merged.csv")),
            BadInput, Mutations, seed: 24));
    }

    [Fact]
    public void EvaluationParts()
    {
        using var dir = new TempDir();
        var confusion = new ConfusionMatrix(new long[,] { { 3, 1 }, { 0, 2 } });
        var part = new ShardPart
        {
            Kind = ShardPart.EvaluationKind, Shard = 1, Of = 1, Total = 6, Count = 6, Run = "0123456789abcdef",
            Evaluation = EvaluationFile.From("coop", "p.safetensors", "toy", ["cat", "dog"], confusion),
        };
        part.Write(dir.File("part.json"));
        AssertNone(Fuzzer.Run(File.ReadAllBytes(dir.File("part.json")), ".json", path => ShardMerger.Merge([path], dir.File("merged.json")),
            BadInput, Mutations, seed: 25));
    }
}
