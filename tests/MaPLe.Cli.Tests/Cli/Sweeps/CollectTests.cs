using System.Text.Json;
using System.Text.Json.Nodes;
using MaPLe.Cli;
using MaPLe.Cli.Sweeps;
using MaPLe.Tests.TestSupport;

namespace MaPLe.Tests.Cli.Sweeps;

/// <summary><c>maple collect</c> on hand-written results: means, spreads, HM of means, and the marking of missing and failed cells.</summary>
public sealed class CollectTests
{
    private static async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = await MapleCli.RunAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    private static void WriteResult(string runs, string id, double @base, double novel)
    {
        var spec = RunSpec.Read(Path.Combine(runs, id, CellFiles.Spec));
        EvaluationSummary Eval(double accuracy) => new("d", 100, (long)accuracy, accuracy, accuracy, new Dictionary<string, double>(), 0.5);
        var result = new CellResult
        {
            Id = id, Protocol = spec.Protocol, MethodName = spec.MethodName, Method = spec.Method, Dataset = spec.Dataset.Name,
            Seed = spec.Seed, Shots = spec.Shots, TrainableParameters = 1, Base = Eval(@base), Novel = Eval(novel),
            Timings = new CellTimings(0, 0, 0, 0), Options = [], LibraryVersion = "test", BackboneFingerprint = "f", Device = "cpu fp32",
            Host = "h", FinishedUtc = DateTime.UtcNow,
        };
        File.WriteAllText(Path.Combine(runs, id, CellFiles.Result), JsonSerializer.Serialize(result, RunSpec.Json));
    }

    /// <summary>The cells after the first of the row starting with <paramref name="first"/> in the table under heading <paramref name="title"/>.</summary>
    internal static IReadOnlyList<string> Row(string markdown, string title, string first)
    {
        var lines = markdown.Split('\n');
        int start = Array.FindIndex(lines, l => l == "## " + title);
        Assert.True(start >= 0, $"no table '{title}' in:\n{markdown}");
        var row = lines.Skip(start + 1).TakeWhile(l => !l.StartsWith("## ", StringComparison.Ordinal))
            .Select(l => l.Split('|').Select(c => c.Trim()).ToList())
            .First(c => c.Count > 2 && c[1] == first);
        return row.Skip(2).Take(row.Count - 3).ToList();
    }

    [Fact]
    public async Task TablesAverageSeedsAndMarkWhatIsMissing()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("grid.yaml"), "name: t\ndataRoot: /nowhere\ndatasets: [toyworld, {name: sat, dataset: eurosat}]\nmethods: [coop, maple]\nseeds: [1, 2, 3]\n");
        string runs = dir.File("runs");
        Assert.Equal(0, (await Run("sweep", dir.File("grid.yaml"), "-o", runs)).Code);
        // coop complete on both datasets; maple: toyworld seeds 1-2 done, seed 3 failed; sat seed 1 done only.
        double[][] coopToy = [[70, 60], [72, 62], [74, 58]], coopSat = [[80, 40], [82, 44], [84, 42]];
        for (int s = 0; s < 3; s++)
        {
            WriteResult(runs, $"b2n/toyworld/coop/seed{s + 1}", coopToy[s][0], coopToy[s][1]);
            WriteResult(runs, $"b2n/sat/coop/seed{s + 1}", coopSat[s][0], coopSat[s][1]);
        }
        WriteResult(runs, "b2n/toyworld/maple/seed1", 75, 65);
        WriteResult(runs, "b2n/toyworld/maple/seed2", 77, 67);
        File.WriteAllText(Path.Combine(runs, "b2n/toyworld/maple/seed3", CellFiles.Failure),
            JsonSerializer.Serialize(new CellFailure("b2n/toyworld/maple/seed3", "NonFiniteLossException", "loss became NaN", "node-3", DateTime.UtcNow), RunSpec.Json));
        WriteResult(runs, "b2n/sat/maple/seed1", 90, 50);

        var (code, markdown, err) = await Run("collect", runs);
        Assert.True(code == 0, err);
        // coop on toyworld: base 70,72,74 → 72 ± 2; novel 60,62,58 → 60 ± 2; HM(72, 60) = 65.45.
        Assert.Equal(["72.00 ± 2.00", "60.00 ± 2.00", "65.45"], Row(markdown, "Base-to-novel: toyworld", "coop"));
        Assert.Equal("76.00 ± 1.41 (2/3 seeds; failed)", Row(markdown, "Base-to-novel: toyworld", "maple")[0]);   // 75, 77
        Assert.StartsWith("failed | NonFiniteLossException: loss became NaN", string.Join(" | ", Row(markdown, "Cells not done", "b2n/toyworld/maple/seed3")));
        Assert.Equal(["missing", "not run yet"], Row(markdown, "Cells not done", "b2n/sat/maple/seed2"));
        Assert.Equal(ExitCodes.Failure, (await Run("collect", runs, "--require-complete")).Code);

        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(runs, "tables", "results.json")))!;
        var average = json["tables"]!.AsArray().Single(t => (string)t!["key"]! == "b2n-average")!;
        var coop = average["rows"]!.AsArray().Single(r => (string)r!["method"]! == "coop")!["values"]!.AsArray();
        // Per seed, the mean over the two datasets: base 75, 77, 79 → 77 ± 2; novel 50, 53, 50 → 51 ± √3.
        Assert.Equal(77, (double)coop[0]!["mean"]!, 9);
        Assert.Equal(2, (double)coop[0]!["std"]!, 9);
        Assert.Equal(51, (double)coop[1]!["mean"]!, 9);
        Assert.Equal(Math.Sqrt(3), (double)coop[1]!["std"]!, 9);
        Assert.Equal(2 * 77.0 * 51 / (77 + 51), (double)coop[2]!["mean"]!, 9);
        var maple = average["rows"]!.AsArray().Single(r => (string)r!["method"]! == "maple")!["values"]!.AsArray();
        Assert.Equal(1, (int)maple[0]!["seeds"]!);                 // only seed 1 has both datasets
        Assert.Equal("failed", (string)maple[0]!["status"]!);

        string csv = File.ReadAllText(Path.Combine(runs, "tables", "results.csv"));
        Assert.StartsWith("table,method,dataset,metric,mean,std,seeds,expected_seeds,status\n", csv);
        Assert.Contains("b2n-toyworld,coop,toyworld,base,72,2,3,3,done\n", csv);
        Assert.Contains("cells,maple,toyworld,b2n/toyworld/maple/seed3,,,0,1,failed\n", csv);
        Assert.Equal(File.ReadAllText(Path.Combine(runs, "tables", "results.md")), markdown);
    }

    [Fact]
    public async Task AnEmptySweepShowsEveryCellMissing()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("grid.yaml"), "datasets: [toyworld]\nmethods: [maple]\nseeds: [1]\n");
        Assert.Equal(0, (await Run("sweep", dir.File("grid.yaml"), "-o", dir.File("runs"))).Code);
        var (code, json, _) = await Run("collect", dir.File("runs"), "--format", "json");
        Assert.Equal(0, code);
        Assert.Equal("missing", (string)JsonNode.Parse(json)!["cells"]![0]!["state"]!);
    }

    [Fact]
    public async Task CollectOnAFolderWithoutIndexIsBadInput()
    {
        using var dir = new TempDir();
        var (code, _, err) = await Run("collect", dir.Path);
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("maple sweep", err);
    }
}
