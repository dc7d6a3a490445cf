using System.Text.Json;
using MaPLe.Cli;
using MaPLe.Cli.Commands;
using MaPLe.Data;
using MaPLe.Tests.TestSupport;
using MaPLe.ToyWorld;

namespace MaPLe.Tests.Cli;

/// <summary>The maple command on users' own data: image folders, list files, reports, prompt shape options.</summary>
[Collection("Sequential")]
public sealed class MapleCliUserDataTests
{
    private static readonly string[] Classes = ["red circle", "blue star", "green square"];
    private const int ImagesPerClass = 5;

    private static async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = await MapleCli.RunAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    private static string[] Model => ["--weights", SampleAssets.Weights, "--vocab", SampleAssets.Vocabulary];

    /// <summary>root/&lt;class folder&gt;/img{i}.png, <see cref="ImagesPerClass"/> toy images per class.</summary>
    private static string WriteImageFolder(TempDir dir)
    {
        string root = Path.Combine(dir.Path, "my photos");
        var dataset = new ToyWorldDataset(new ToyWorldDatasetOptions
        {
            Classes = Classes.Select(ToyColorShape.Parse).ToList(), Seed = 3, TrainPerClass = ImagesPerClass, ValPerClass = 0, TestPerClass = 0,
        });
        var counters = new Dictionary<string, int>();
        foreach (var item in dataset.Train)
        {
            string folder = Path.Combine(root, item.ClassName.Replace(' ', '_'));
            Directory.CreateDirectory(folder);
            int n = counters[folder] = counters.GetValueOrDefault(folder) + 1;
            ToyContactSheet.SavePng(item.Source!(), Path.Combine(folder, $"img{n}.png"));
        }
        return root;
    }

    private static string[] Listing(string root) =>
        Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray();

    [Fact]
    public async Task TrainAndEvalOnAnImageFolderWriteNothingIntoItAndAgreeOnTheSplit()
    {
        using var dir = new TempDir();
        string root = WriteImageFolder(dir);
        var before = Listing(root);
        string prompts = dir.File("coop.safetensors"), report = dir.File("eval.json");

        var (code, output, err) = await Run(["train", .. Model, "--image-folder", root, "--method", "coop", "--epochs", "1", "--batch-size", "4", "--output", prompts]);
        Assert.True(code == ExitCodes.Ok, err);
        // 5 images per class, 20% held out: 4 per class train (fewer than the 16 shots: all of them).
        Assert.Contains("my photos: 12 images, 3 classes", output);

        (code, output, err) = await Run(["eval", .. Model, "--image-folder", root, "--prompts", prompts, "--report", report]);
        Assert.True(code == ExitCodes.Ok, err);
        Assert.Equal(before, Listing(root));   // no split or few-shot file in the user's folder

        // Redirected output: plain "class: accuracy" lines and a tab-separated matrix.
        var lines = output.Split('\n', StringSplitOptions.TrimEntries);
        Assert.Contains(lines, l => l.StartsWith("blue star: ", StringComparison.Ordinal) && l.EndsWith('%'));
        Assert.Contains("confusion matrix (rows: true class", output);

        using var json = JsonDocument.Parse(File.ReadAllText(report));
        var r = json.RootElement;
        Assert.Equal("coop", r.GetProperty("method").GetString());
        Assert.Equal(["blue star", "green square", "red circle"], r.GetProperty("classes").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(3, r.GetProperty("samples").GetInt64());   // the held-out image of each class, the same split as train's
        var confusion = r.GetProperty("confusion").EnumerateArray().Select(row => row.EnumerateArray().Select(c => c.GetInt64()).ToArray()).ToArray();
        Assert.All(confusion, row => Assert.Equal(1, row.Sum()));
        long diagonal = Enumerable.Range(0, 3).Sum(i => confusion[i][i]);
        Assert.Equal(diagonal, r.GetProperty("correct").GetInt64());
        Assert.Equal(100.0 * diagonal / 3, r.GetProperty("accuracy").GetDouble(), 3);
        Assert.Equal(3, r.GetProperty("per_class").GetArrayLength());
    }

    [Fact]
    public void TheSplitDependsOnlyOnTheItemsTheSeedAndTheFraction()
    {
        var items = Enumerable.Range(0, 30).Select(i => new ImageItem($"/d/{i % 3}/{i}.png", i % 3, $"c{i % 3}")).ToList();
        var a = UserDataSplit.Split(items, 0.2, seed: 7, "d");
        var b = UserDataSplit.Split(items, 0.2, seed: 7, "d");
        var c = UserDataSplit.Split(items, 0.2, seed: 8, "d");
        Assert.Equal(a.Test.Select(i => i.Path), b.Test.Select(i => i.Path));
        Assert.NotEqual(a.Test.Select(i => i.Path), c.Test.Select(i => i.Path));
        Assert.Equal(6, a.Test.Count);                        // round(10 · 0.2) = 2 per class
        Assert.All(Enumerable.Range(0, 3), k => Assert.Equal(2, a.Test.Count(i => i.Label == k)));
        Assert.Empty(a.Train.Select(i => i.Path).Intersect(a.Test.Select(i => i.Path)));
        Assert.Equal(30, a.Train.Count + a.Test.Count);
    }

    [Fact]
    public void AClassWithOneImageIsRefusedByName()
    {
        var items = new List<ImageItem> { new("/d/a/1.png", 0, "a"), new("/d/a/2.png", 0, "a"), new("/d/b/1.png", 1, "lonely") };
        var e = Assert.Throws<DatasetFormatException>(() => UserDataSplit.Split(items, 0.2, 1, "d"));
        Assert.Contains("'lonely' has 1 image", e.Message);
    }

    [Fact]
    public async Task EvalReadsAListFileAndWritesACsvReport()
    {
        using var dir = new TempDir();
        string root = WriteImageFolder(dir);
        string list = dir.File("items.csv");
        var rows = Directory.GetDirectories(root).Order(StringComparer.Ordinal)
            .SelectMany((folder, label) => Directory.GetFiles(folder).Order(StringComparer.Ordinal)
                .Select(f => $"\"{Path.GetRelativePath(dir.Path, f)}\",{label},{Path.GetFileName(folder).Replace('_', ' ')}"));
        File.WriteAllLines(list, ["path,label,classname", .. rows]);
        string report = dir.File("zs.csv");

        var (code, output, err) = await Run(["eval", .. Model, "--list", list, "--test-fraction", "0.4", "--report", report]);
        Assert.True(code == ExitCodes.Ok, err);
        Assert.Contains("zeroshot on items (all classes, 6 images)", output);   // round(5 · 0.4) = 2 per class
        var csv = File.ReadAllLines(report);
        Assert.Equal("class,support,correct,accuracy,f1,predicted:blue star,predicted:green square,predicted:red circle", csv[0]);
        Assert.Equal(4, csv.Length);
        Assert.All(csv.Skip(1), line =>
        {
            var f = line.Split(',');
            Assert.Equal("2", f[1]);
            Assert.Equal(2, f.Skip(5).Sum(int.Parse));
        });
    }

    [Fact]
    public async Task ReportTargetIsCheckedBeforeTheWork()
    {
        var (code, _, err) = await Run(["eval", .. Model, "--dataset", "toyworld", "--report", "/tmp/result.txt"]);
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains(".json or .csv", err);
    }

    [Fact]
    public async Task ExactlyOneImageSourceIsNeeded()
    {
        var (code, _, err) = await Run(["eval", .. Model]);
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("--image-folder", err);
        (code, _, err) = await Run(["eval", .. Model, "--dataset", "toyworld", "--image-folder", "/tmp"]);
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("only one of", err);
    }

    [Theory]
    [InlineData("vpt")]
    [InlineData("ivlp")]
    public async Task APresetDeeperThanTheBackboneNamesTheOptionToPass(string method)
    {
        using var dir = new TempDir();
        var (code, _, err) = await Run(["train", .. Model, "--dataset", "toyworld", "--method", method, "--shots", "1", "--epochs", "1", "--output", dir.File("p.safetensors")]);
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("depth 12 exceeds the backbone's 9 vision layers: pass --depth 9", err);   // the tiny CLIP: 9 vision layers
        Assert.Contains("--clamp-depth", err);
    }

    [Fact]
    public async Task ClampDepthAndPromptLengthShapeTheLearner()
    {
        using var dir = new TempDir();
        string prompts = dir.File("vpt.safetensors");
        var (code, _, err) = await Run(["train", .. Model, "--dataset", "toyworld", "--method", "vpt", "--clamp-depth", "--n-ctx", "3",
            "--shots", "1", "--epochs", "1", "--batch-size", "4", "--output", prompts]);
        Assert.True(code == ExitCodes.Ok, err);
        Assert.Contains("clamped to the backbone's 9 vision layers", err);
        var options = Assert.IsType<MaPLe.Prompting.DeepVision.DeepVisionOptions>(MaPLe.Prompting.PromptStateFile.Describe(prompts).Options);
        Assert.Equal(9, options.PromptDepth);
        Assert.Equal(3, options.PromptLength);

        (code, _, err) = await Run(["train", .. Model, "--dataset", "toyworld", "--method", "coop", "--depth", "2", "--output", prompts, "--force"]);
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("--depth does not apply to coop", err);
    }
}
