using MaPLe.Cli;
using MaPLe.Cli.Sharding;
using MaPLe.Clip;
using MaPLe.Prompting.CoOp;
using MaPLe.Tests.TestSupport;
using MaPLe.Tokenization;
using MaPLe.ToyWorld;
using MaPLe.Tuning;

namespace MaPLe.Tests.Cli.Sharding;

/// <summary><c>--shard k/n</c> and <c>maple merge</c>: the merged parts equal one process's output byte for byte.</summary>
[Collection("Sequential")]
public sealed class ShardMergeTests
{
    private static async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = await MapleCli.RunAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    private static string[] Model => ["--weights", SampleAssets.Weights, "--vocab", SampleAssets.Vocabulary];

    /// <summary>A CoOp prompt file over the toy world's base classes (untrained prompts: as valid a file as trained ones).</summary>
    private static string PromptFile(TempDir dir)
    {
        string path = dir.File("coop.safetensors");
        using var backbone = ClipBackbone.Load(SampleAssets.Weights);
        using var tuner = new PromptTunerBuilder()
            .UseBackbone(backbone).UseTokenizer(ClipTokenizer.FromBpeFile(SampleAssets.Vocabulary, backbone.Config.Text.VocabularySize - 514))
            .UseMethod(PromptMethods.For<CoOpOptions>().Defaults()).UseClassNames(ToyWorldTask.Split.BaseClasses.Select(c => c.ToString()).ToList()).UseSeed(3)
            .Build();
        tuner.SavePrompts(path);
        return path;
    }

    [Theory]
    [InlineData("1/1", 1, 0, 69)]
    [InlineData("1/3", 3, 0, 32)]    // batches of 32: part 1 takes batch 0
    [InlineData("3/3", 3, 64, 5)]    // part 3 takes the last, partial batch
    [InlineData("2/2", 2, 32, 32)]
    public void PartsAreWholeBatchesRoundRobin(string text, int count, int first, int size)
    {
        var shard = ShardSpec.Parse(text);
        Assert.Equal(count, shard.Count);
        var positions = shard.Positions(69, 32);
        Assert.Equal(first, positions[0]);
        Assert.Equal(size, positions.Count);
        var all = Enumerable.Range(1, count).SelectMany(k => new ShardSpec(k, count).Positions(69, 32)).Order();
        Assert.Equal(Enumerable.Range(0, 69), all);
    }

    [Theory]
    [InlineData("0/3")]
    [InlineData("4/3")]
    [InlineData("1-3")]
    [InlineData("a/b")]
    public void BadShardsAreRefused(string text) => Assert.Throws<ArgumentException>(() => ShardSpec.Parse(text));

    [Fact]
    public async Task ShardedPredictMergesToTheSingleProcessCsv()
    {
        using var dir = new TempDir();
        string prompts = PromptFile(dir);
        var images = Directory.CreateDirectory(dir.File("images")).FullName;
        var dataset = ToyWorldTask.Create(MaPLe.Data.ClassSubset.Base, 1, testPerClass: 7, seed: 4);   // 70 images: batches of 32, 32, 6
        foreach (var (item, i) in dataset.Test.Select((t, i) => (t, i)))
            ToyContactSheet.SavePng(item.Source!(), Path.Combine(images, $"{i:D3}.png"));

        var single = await Run(["predict", "-p", prompts, "-o", dir.File("single.csv"), .. Model, images]);
        Assert.True(single.Code == 0, single.Err);
        var parts = new List<string>();
        foreach (int k in new[] { 3, 1, 2 })
        {
            string part = dir.File($"part{k}.json");
            var r = await Run(["predict", "-p", prompts, "--shard", $"{k}/3", "-o", part, .. Model, images]);
            Assert.True(r.Code == 0, r.Err);
            parts.Add(part);
        }
        var merge = await Run(["merge", .. parts, "-o", dir.File("merged.csv")]);
        Assert.True(merge.Code == 0, merge.Err);
        Assert.Equal(File.ReadAllBytes(dir.File("single.csv")), File.ReadAllBytes(dir.File("merged.csv")));
        Assert.Equal(71, File.ReadAllLines(dir.File("merged.csv")).Length);

        var incomplete = await Run(["merge", parts[0], parts[1], "-o", dir.File("x.csv")]);
        Assert.Equal(ExitCodes.BadInput, incomplete.Code);
        Assert.Contains("Missing part(s) 2/3", incomplete.Err);
        var twice = await Run(["merge", parts[0], parts[0], parts[1], "-o", dir.File("x.csv")]);
        Assert.Contains("given twice", twice.Err);
        Assert.False(File.Exists(dir.File("x.csv")));
    }

    [Fact]
    public async Task UndecodableFolderImagesAreSkippedInEachPartAndTheMergeStillEqualsTheSingleProcessCsv()
    {
        using var dir = new TempDir();
        string prompts = PromptFile(dir);
        var images = Directory.CreateDirectory(dir.File("images")).FullName;
        var dataset = ToyWorldTask.Create(MaPLe.Data.ClassSubset.Base, 1, testPerClass: 4, seed: 4);   // 40 images + 2 broken: batches of 32 and 10
        foreach (var (item, i) in dataset.Test.Select((t, i) => (t, i)))
            ToyContactSheet.SavePng(item.Source!(), Path.Combine(images, $"{i:D3}.png"));
        File.WriteAllText(Path.Combine(images, "015b.png"), "not a png");   // position 16: part 1
        File.WriteAllText(Path.Combine(images, "035b.png"), "not a png");   // position 37: part 2

        var single = await Run(["predict", "-p", prompts, "-o", dir.File("single.csv"), .. Model, images]);
        Assert.True(single.Code == 0, single.Err);
        Assert.Contains("warning: skipped", single.Err);
        Assert.Contains("015b.png", single.Err);
        Assert.Equal(41, File.ReadAllLines(dir.File("single.csv")).Length);   // header + the 40 decodable images
        var a = await Run(["predict", "-p", prompts, "--shard", "1/2", "-o", dir.File("p1.json"), .. Model, images]);
        var b = await Run(["predict", "-p", prompts, "--shard", "2/2", "-o", dir.File("p2.json"), .. Model, images]);
        Assert.True(a.Code == 0 && b.Code == 0, a.Err + b.Err);
        Assert.Contains("015b.png", a.Err);
        Assert.Contains("035b.png", b.Err);
        var merge = await Run(["merge", dir.File("p2.json"), dir.File("p1.json"), "-o", dir.File("merged.csv")]);
        Assert.True(merge.Code == 0, merge.Err);
        Assert.Equal(File.ReadAllBytes(dir.File("single.csv")), File.ReadAllBytes(dir.File("merged.csv")));

        var named = await Run(["predict", "-p", prompts, .. Model, Path.Combine(images, "000.png"), Path.Combine(images, "015b.png")]);
        Assert.Equal(ExitCodes.BadInput, named.Code);   // named on the command line: not skipped
        Assert.Contains("015b.png", named.Err);
    }

    [Fact]
    public async Task ShardedEvalMergesToTheSingleProcessReport()
    {
        using var dir = new TempDir();
        string prompts = PromptFile(dir);
        string[] eval = ["eval", "-p", prompts, "--dataset", "toyworld", "--seed", "2", .. Model];   // 500 base test images: 5 batches of 100
        var single = await Run([.. eval, "-o", dir.File("single.json")]);
        Assert.True(single.Code == 0, single.Err);
        var a = await Run([.. eval, "--shard", "1/2", "-o", dir.File("p1.json")]);
        var b = await Run([.. eval, "--shard", "2/2", "-o", dir.File("p2.json")]);
        Assert.True(a.Code == 0 && b.Code == 0, a.Err + b.Err);
        Assert.Contains("part 1/2", a.Out);
        var merge = await Run(["merge", dir.File("p2.json"), dir.File("p1.json"), "-o", dir.File("merged.json")]);
        Assert.True(merge.Code == 0, merge.Err);
        Assert.Equal(File.ReadAllBytes(dir.File("single.json")), File.ReadAllBytes(dir.File("merged.json")));

        var other = await Run(["eval", "-p", prompts, "--dataset", "toyworld", "--seed", "3", .. Model, "--shard", "2/2", "-o", dir.File("other.json")]);
        Assert.Equal(0, other.Code);
        var mixed = await Run(["merge", dir.File("p1.json"), dir.File("other.json"), "-o", dir.File("x.json")]);
        Assert.Equal(ExitCodes.BadInput, mixed.Code);
        Assert.Contains("another run", mixed.Err);
    }

    [Fact]
    public async Task ShardWithoutOutputIsAUsageError()
    {
        var (code, _, err) = await Run(["predict", "-p", "x.safetensors", "--shard", "1/2", .. Model, "nothing.png"]);
        Assert.True(code is ExitCodes.Usage or ExitCodes.BadInput, err);
    }
}
