using MaPLe.Cli.Sweeps;
using MaPLe.Prompting;
using MaPLe.Tuning;
using MaPLe.Prompting.MaPLe;
using MaPLe.Training;

namespace MaPLe.Tests.Cli.Sweeps;

/// <summary>Grid files: JSON and YAML read alike, overrides land in the options, every mistake names the file and key.</summary>
public sealed class GridReaderTests
{
    private const string Yaml = """
        name: paper
        protocol: b2n
        dataRoot: /data
        datasets:
          - eurosat
          - name: toy
            dataset: toyworld
            testPerClass: 7
        methods:
          - coop
          - id: maple-shared
          - id: maple
            name: maple-d3
            options:
              promptDepth: 3
            training: {epochs: 2, batchSize: 8}
        seeds: [1, 2, 3]
        shots: [4, 16]
        training:
          learningRate: 0.01
        """;

    private const string Json = """
        {
          // the same grid as JSON
          "name": "paper", "protocol": "base-to-novel", "dataRoot": "/data",
          "datasets": ["eurosat", {"name": "toy", "dataset": "toyworld", "testPerClass": 7}],
          "methods": ["coop", {"id": "maple-shared"}, {"id": "maple", "name": "maple-d3", "options": {"PromptDepth": 3}, "training": {"epochs": 2, "batch_size": 8}}],
          "seeds": [1, 2, 3], "shots": [4, 16], "training": {"learningRate": 0.01},
        }
        """;

    [Fact]
    public void YamlAndJsonGiveTheSameCells()
    {
        var fromYaml = SweepPlanner.Plan(GridReader.Parse(GridDocument.ParseYaml(Yaml, "g.yaml"), "g.yaml"), "cpu");
        var fromJson = SweepPlanner.Plan(GridReader.Parse(GridDocument.ParseJson(Json, "g.json"), "g.json"), "cpu");
        Assert.Equal(fromYaml.Select(c => c.ToJson()), fromJson.Select(c => c.ToJson()));
        Assert.Equal(2 * 3 * 2 * 3, fromYaml.Count);
    }

    [Fact]
    public void CellIdsAreReadableStableAndIndexed()
    {
        var grid = GridReader.Parse(GridDocument.ParseYaml(Yaml, "g.yaml"), "g.yaml");
        var cells = SweepPlanner.Plan(grid, "cpu");
        Assert.Equal("b2n/eurosat/coop/shots4/seed1", cells[0].Id);
        Assert.Equal("b2n/eurosat/coop/shots4/seed2", cells[1].Id);
        Assert.Equal("b2n/eurosat/coop/shots16/seed1", cells[3].Id);
        Assert.Equal("b2n/toy/maple-d3/shots16/seed3", cells[^1].Id);
        Assert.Equal(Enumerable.Range(0, cells.Count), cells.Select(c => c.Index));
        Assert.Equal(cells.Count, cells.Select(c => c.Id).Distinct().Count());
        Assert.Equal(cells.Select(c => c.Id), SweepPlanner.Plan(grid, "cpu").Select(c => c.Id));
    }

    [Fact]
    public void OneShotCountLeavesShotsOutOfTheId()
    {
        var grid = GridReader.Parse(GridDocument.ParseYaml("datasets: [toyworld]\nmethods: [maple]\nseeds: 1\nshots: 16\n", "g.yaml"), "g.yaml");
        Assert.Equal("b2n/toyworld/maple/seed1", Assert.Single(SweepPlanner.Plan(grid, "cpu")).Id);
    }

    [Fact]
    public void OverridesReachTheMethodOptionsAndTheRecipe()
    {
        var grid = GridReader.Parse(GridDocument.ParseYaml(Yaml, "g.yaml"), "g.yaml");
        var deep = grid.Methods.Single(m => m.Name == "maple-d3");
        Assert.Equal(3, Assert.IsType<MaPLeOptions>(deep.Options).PromptDepth);
        Assert.Equal(2, deep.Training!.Epochs);
        Assert.Equal(8, deep.Training.BatchSize);
        Assert.Equal(0.01, deep.Training.LearningRate);               // the grid-wide override
        var shared = grid.Methods.Single(m => m.Name == "maple-shared");
        Assert.True(Assert.IsType<MaPLeOptions>(shared.Options).SharedCoupling);   // the registry's alias
        var coop = grid.Methods.Single(m => m.Name == "coop");
        Assert.Equal(PromptMethods.Of(coop.Options).DefaultTraining with { LearningRate = 0.01 }, coop.Training);
        var spec = SweepPlanner.Plan(grid, "cuda").First(c => c.MethodName == "maple-d3");
        Assert.Equal(deep.Options, MethodOverrides.FromJson(spec.Method, spec.Options));
        Assert.Equal(deep.Training, TrainingOverrides.FromJson(spec.Training!, "spec.json"));
        Assert.Equal("cuda", spec.Device);
    }

    [Fact]
    public void EveryMethodOfTheRegistryIsAcceptedByItsId()
    {
        foreach (var method in PromptMethods.All)
        {
            var grid = GridReader.Parse(GridDocument.ParseJson($$"""{"datasets": ["toyworld"], "methods": ["{{method.Id}}"]}""", "g.json"), "g.json");
            Assert.Equal(method.Id, grid.Methods[0].Options.Method);
            Assert.Equal(method.CanTrain, grid.Methods[0].Training is not null);
        }
    }

    [Theory]
    [InlineData("datasets: [toyworld]\nmethods: [mapel]\n", "methods[0].id", "Unknown prompt method 'mapel'")]
    [InlineData("datasets: [toyworld]\nmethods: [{id: maple, options: {depht: 3}}]\n", "methods[0].options.depht", "promptDepth")]
    [InlineData("datasets: [toyworld]\nmethods: [{id: maple, training: {epochs: 0}}]\n", "methods[0].training", "Epochs must be at least 1")]
    [InlineData("datasets: [toyworld]\nmethods: [{id: maple, training: {seed: 3}}]\n", "methods[0].training.seed", "seeds:")]
    [InlineData("datasets: [toyworld]\nmethods: [{id: zeroshot, training: {epochs: 3}}]\n", "methods[0]", "trains nothing")]
    [InlineData("datasets: [eurosat]\nmethods: [maple]\n", "datasets[0].root", "dataRoot")]
    [InlineData("datasets: [imagenett]\ndataRoot: /d\nmethods: [maple]\n", "datasets[0].dataset", "Known:")]
    [InlineData("datasets: [toyworld]\nmethods: [maple]\nsede: [1]\n", "sede", "unknown key")]
    [InlineData("datasets: [toyworld]\nmethods: [maple, maple]\n", "methods", "appears twice")]
    [InlineData("protocol: xd\ndatasets: [toyworld]\nmethods: [maple]\n", "datasets", "source:")]
    [InlineData("datasets: [toyworld]\nmethods: [maple]\nshots: 0\n", "shots", "-1")]
    [InlineData("datasets: [toyworld]\nmethods: [maple]\nprotocol: sideways\n", "", "unknown protocol")]
    public void MistakesNameTheKey(string yaml, string key, string hint)
    {
        var e = Assert.ThrowsAny<Exception>(() => GridReader.Parse(GridDocument.ParseYaml(yaml, "bad.yaml"), "bad.yaml"));
        Assert.True(e is SweepFileException or ArgumentException, e.GetType().Name);
        if (e is SweepFileException)
        {
            Assert.Contains("'bad.yaml'", e.Message);
            Assert.Contains(key, e.Message);
        }
        Assert.Contains(hint, e.Message);
    }

    [Fact]
    public void MalformedYamlNamesTheLine()
    {
        var e = Assert.Throws<SweepFileException>(() => GridDocument.ParseYaml("datasets: [toyworld\nmethods: maple\n", "broken.yaml"));
        Assert.Contains("'broken.yaml'", e.Message);
        Assert.Contains("YAML", e.Message);
        var tab = Assert.Throws<SweepFileException>(() => GridDocument.ParseYaml("datasets:\n\t- toyworld\n", "tab.yaml"));
        Assert.Contains("(line ", tab.Message);
    }

    [Fact]
    public void CrossDatasetGridsTrainOnTheSourceAndListTheTargets()
    {
        var grid = GridReader.Parse(GridDocument.ParseYaml("protocol: xd\ndataRoot: /d\nsource: imagenet\ntargets: [caltech101, {name: pets, dataset: oxford_pets}]\nmethods: [{id: maple, preset: maple-xd}]\nseeds: [1, 2]\n", "x.yaml"), "x.yaml");
        var cells = SweepPlanner.Plan(grid, "cpu");
        Assert.Equal(["xd/imagenet/maple/seed1", "xd/imagenet/maple/seed2"], cells.Select(c => c.Id));
        Assert.Equal(["caltech101", "pets"], cells[0].Targets.Select(t => t.Name));
        Assert.Equal(TrainingPresets.MaPLeCrossDataset, TrainingOverrides.FromJson(cells[0].Training!, "spec.json"));
    }
}
