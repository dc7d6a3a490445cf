using MaPLe.Cli;
using MaPLe.Tests.TestSupport;
using MaPLe.ToyWorld;

namespace MaPLe.Tests.Cli;

/// <summary>The maple command: parsing, exit codes and real runs on the committed tiny CLIP.</summary>
[Collection("Sequential")]
public sealed class MapleCliTests
{
    private static async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = await MapleCli.RunAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    private static string[] Model => ["--weights", SampleAssets.Weights, "--vocab", SampleAssets.Vocabulary];

    private static IReadOnlyList<string> WriteToyImages(TempDir dir, params string[] classes)
    {
        var paths = new List<string>();
        var dataset = new ToyWorldDataset(new ToyWorldDatasetOptions
        {
            Classes = classes.Select(ToyColorShape.Parse).ToList(), Seed = 5, TrainPerClass = 1, ValPerClass = 0, TestPerClass = 1,
        });
        foreach (var item in dataset.Test)
        {
            string path = dir.File($"{item.ClassName.Replace(' ', '_')}.png");
            ToyContactSheet.SavePng(item.Source!(), path);
            paths.Add(path);
        }
        return paths;
    }

    [Fact]
    public async Task UnknownCommandIsAUsageError()
    {
        var (code, _, err) = await Run("fly");
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("maple --help", err);
    }

    [Fact]
    public async Task MissingRequiredOptionIsAUsageError()
    {
        var (code, _, err) = await Run("predict", "some.png");
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("--prompts", err);
    }

    [Fact]
    public async Task InfoDescribesTheShippedWeights()
    {
        var (code, output, _) = await Run("info", SampleAssets.Weights);
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("kind: CLIP weights (OpenAI names", output);
        Assert.Contains("patch 8, 64px", output);
    }

    [Fact]
    public async Task InfoDescribesAPromptFile()
    {
        string path = Path.Combine(Fixtures.DefaultRoot, "cases", "maple_j9_ctx2", "prompts.safetensors");
        var (code, output, _) = await Run("info", path);
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("kind: prompt file", output);
        Assert.Contains("trainable parameters: 76,032", output);   // case.json's trainable_params
        Assert.Contains("prompt_learner.compound_prompt_projections.7.bias", output);
    }

    [Fact]
    public async Task MissingFileIsABadInputNamingThePath()
    {
        var (code, _, err) = await Run("info", "/nonexistent/weights.safetensors");
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("/nonexistent/weights.safetensors", err);
    }

    [Fact]
    public async Task ZeroShotPrintsTopKPerImage()
    {
        using var dir = new TempDir();
        var images = WriteToyImages(dir, "red circle", "blue star");
        var (code, output, err) = await Run(["zero-shot", .. Model, "--classes", "red circle,blue star,green square", "--top-k", "2", .. images]);
        Assert.True(code == ExitCodes.Ok, err);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.All(lines, l => Assert.Equal(3, l.Split('\t').Length));   // path + top-2
    }

    [Fact]
    public async Task TrainThenPredictAndEvaluateWithThePromptFile()
    {
        using var dir = new TempDir();
        string prompts = dir.File("coop.safetensors");
        var (code, output, err) = await Run(["train", .. Model, "--dataset", "toyworld", "--method", "coop", "--shots", "2", "--epochs", "1", "--batch-size", "4", "--output", prompts]);
        Assert.True(code == ExitCodes.Ok, err);
        Assert.Contains("saved", output);
        Assert.True(File.Exists(prompts));

        var images = WriteToyImages(dir, "red circle");
        (code, output, err) = await Run(["predict", .. Model, "--prompts", prompts, .. images]);
        Assert.True(code == ExitCodes.Ok, err);
        Assert.Contains("red_circle.png", output);

        (code, output, err) = await Run(["eval", .. Model, "--prompts", prompts, "--dataset", "toyworld", "--subsample", "new", "--shots", "1"]);
        Assert.True(code == ExitCodes.Ok, err);
        Assert.Contains("* accuracy:", output);
    }

    [Fact]
    public async Task PromptsOfAnotherBackboneAreRefused()
    {
        using var dir = new TempDir();
        string prompts = dir.File("maple.safetensors");
        var (code, _, err) = await Run(["train", "--weights", Fixtures.TinyOpenAiWeights, "--vocab", Fixtures.BpeVocab, "--dataset", "toyworld",
            "--method", "coop", "--shots", "1", "--epochs", "1", "--batch-size", "2", "--output", prompts]);
        Assert.True(code == ExitCodes.Ok, err);
        var images = WriteToyImages(dir, "red circle");
        (code, _, err) = await Run(["predict", .. Model, "--prompts", prompts, .. images]);
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("backbone", err);
    }
}
