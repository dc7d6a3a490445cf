using MaPLe.Checkpoints;
using MaPLe.Cli;
using MaPLe.Data;
using MaPLe.Imaging;
using MaPLe.Prompting;
using MaPLe.Tests.Hostile;
using MaPLe.Tests.TestSupport;
using MaPLe.Training;
using static TorchSharp.torch;

namespace MaPLe.Tests.Cli;

/// <summary>Issue 15's command-line cases: hostile inputs exit 3 with one line naming the file; options and output paths are checked before any work.</summary>
[Collection("Sequential")]
public sealed class MapleCliHostileTests
{
    private static async Task<(int Code, string Out, string Err)> Run(string[] args, CancellationToken ct = default)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = await MapleCli.RunAsync(args, output, error, ct);
        return (code, output.ToString(), error.ToString());
    }

    private static string[] Model => ["--weights", SampleAssets.Weights, "--vocab", SampleAssets.Vocabulary];

    private static string[] Train(string output, params string[] more) =>
        ["train", .. Model, "--dataset", "toyworld", "--method", "coop", "--shots", "1", "--epochs", "1", "--batch-size", "5", "--output", output, .. more];

    private static void AssertBadInputNaming((int Code, string Out, string Err) result, string file)
    {
        Assert.True(result.Code == ExitCodes.BadInput, $"exit {result.Code}: {result.Err}");
        Assert.Contains(file, result.Err);
        Assert.DoesNotContain("   at ", result.Err);   // no stack trace without --verbose
    }

    private static string ValidImage(TempDir dir)
    {
        string path = dir.File("ok.png");
        MaPLe.ToyWorld.ToyContactSheet.SavePng(new RgbImage(16, 16, new byte[16 * 16 * 3]), path);
        return path;
    }

    [Fact]
    public async Task AnImageOverThePixelBudgetNamedOnTheCommandLineIsBadInput()
    {
        using var dir = new TempDir();
        string huge = dir.File("huge.png");
        File.WriteAllBytes(huge, HostileFiles.PngHeader(100_000, 100_000));
        var result = await Run(["zero-shot", .. Model, "-c", "cat,dog", huge]);
        AssertBadInputNaming(result, huge);
        Assert.Contains("100000x100000", result.Err);
    }

    [Fact]
    public async Task ImagesOverTheBudgetOrNotRegularFilesInAFolderAreSkippedWithAWarning()
    {
        using var dir = new TempDir();
        string folder = Path.Combine(dir.Path, "images");
        Directory.CreateDirectory(folder);
        File.WriteAllBytes(Path.Combine(folder, "huge.png"), HostileFiles.PngHeader(20_000, 20_000));
        File.Copy(ValidImage(dir), Path.Combine(folder, "ok.png"));
        HostileFiles.TryMakeFifo(Path.Combine(folder, "pipe.jpg"));
        Directory.CreateSymbolicLink(Path.Combine(folder, "loop"), folder);
        var (code, output, err) = await Run(["zero-shot", .. Model, "-c", "cat,dog", folder]);
        Assert.True(code == ExitCodes.Ok, err);
        Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries));   // ok.png once, despite the loop
        Assert.Contains("huge.png", err);
        Assert.Contains("20000x20000", err);

        (code, _, err) = await Run(["zero-shot", .. Model, "-c", "cat,dog", "--max-megapixels", "0.0001", folder]);
        Assert.Equal(ExitCodes.BadInput, code);   // nothing decodable is left
        (code, _, err) = await Run(["zero-shot", .. Model, "-c", "cat,dog", "--max-megapixels", "-1", folder]);
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("--max-megapixels", err);
    }

    [Theory]
    [InlineData("""{"a":{"dtype":"F32","shape":[1099511627776,1099511627776],"data_offsets":[0,0]}}""")]
    [InlineData("""{"a":{"dtype":"F32","shape":[4611686018427387904],"data_offsets":[0,0]}}""")]
    [InlineData("""{"a":{"dtype":"F32","shape":[1],"data_offsets":["0","4"]}}""")]
    public async Task MalformedWeightsAreBadInputForInfoAndForEveryCommand(string header)
    {
        using var dir = new TempDir();
        string path = dir.File("bad.safetensors");
        File.WriteAllBytes(path, HostileFiles.SafeTensors(header, new byte[4]));
        AssertBadInputNaming(await Run(["info", path]), path);
        AssertBadInputNaming(await Run(["zero-shot", "--weights", path, "-c", "cat,dog", ValidImage(dir)]), path);
    }

    [Fact]
    public async Task AWeightsHeaderThatIsNotUtf8IsBadInput()
    {
        using var dir = new TempDir();
        string path = dir.File("bad.safetensors");
        File.WriteAllBytes(path, HostileFiles.SafeTensors([.. "{\"a"u8, 0xC3, 0x28, .. "\":{}}"u8]));
        AssertBadInputNaming(await Run(["info", path]), path);
    }

    [Fact]
    public async Task HeadsThatDoNotDivideTheWidthAreBadInputNotUsage()
    {
        using var dir = new TempDir();
        string path = dir.File("heads.safetensors");
        using (var scope = NewDisposeScope())
            SafeTensors.Save(path, SafeTensors.Load(SampleAssets.Weights), new Dictionary<string, string> { ["vision_heads"] = "7" });
        AssertBadInputNaming(await Run(["info", path]), path);
    }

    [Fact]
    public async Task PromptFilesWithBrokenMetadataOrNaNPromptsAreBadInput()
    {
        using var dir = new TempDir();
        string prompts = dir.File("coop.safetensors");
        var (code, _, err) = await Run(Train(prompts));
        Assert.True(code == ExitCodes.Ok, err);
        string image = ValidImage(dir);

        string classes = dir.File("classes.safetensors");
        File.Copy(prompts, classes);
        HostileFiles.Rewrite(classes, PromptStateFile.ClassesKey, "[\"red circle\", ");
        AssertBadInputNaming(await Run(["info", classes]), classes);
        AssertBadInputNaming(await Run(["predict", .. Model, "-p", classes, image]), classes);

        // An absurd option is refused from the file before it sizes anything (it once allocated for minutes).
        string huge = dir.File("ctx.safetensors");
        File.Copy(prompts, huge);
        string options = PromptStateFile.Describe(prompts).Options is { } o ? PromptMethodRegistry.Serialize(o) : throw new InvalidOperationException();
        HostileFiles.Rewrite(huge, PromptStateFile.OptionsKey, System.Text.RegularExpressions.Regex.Replace(options, ":[0-9]+", ":100000000").Replace("\"a photo of a\"", "\"\"", StringComparison.Ordinal));
        var result = await Run(["predict", .. Model, "-p", huge, image]);
        AssertBadInputNaming(result, huge);

        string nan = dir.File("nan.safetensors");
        using (var scope = NewDisposeScope())
        {
            Dictionary<string, Tensor> state;
            Dictionary<string, string> metadata;
            using (var file = SafeTensorsFile.Open(prompts))
            {
                state = file.ReadAll();
                metadata = file.Metadata.ToDictionary();
            }
            state.Values.First().view(-1)[0] = float.NaN;
            SafeTensors.Save(nan, state, metadata);
        }
        AssertBadInputNaming(await Run(["predict", .. Model, "-p", nan, image]), nan);
        AssertBadInputNaming(await Run(["info", nan]), nan);
    }

    [Fact]
    public async Task AJunkVocabularyAndAUtf16ClassListAreBadInput()
    {
        using var dir = new TempDir();
        string junk = dir.File("junk.txt");
        File.WriteAllBytes(junk, "\x01\x02junk"u8.ToArray());
        string image = ValidImage(dir);
        AssertBadInputNaming(await Run(["zero-shot", "--weights", SampleAssets.Weights, "--vocab", junk, "-c", "cat,dog", image]), junk);

        string classes = dir.File("classes.txt");
        File.WriteAllBytes(classes, System.Text.Encoding.Unicode.GetBytes("cat\ndog\n"));
        AssertBadInputNaming(await Run(["zero-shot", .. Model, "--classes-file", classes, image]), classes);
    }

    [Fact]
    public void EveryMalformedInputTypeMapsToBadInput()
    {
        Assert.Equal(ExitCodes.BadInput, MapleCli.ExitCodeOf(new DatasetFormatException("d", "/data/x", "no images in class folder 'cat'")));
        Assert.Equal(ExitCodes.BadInput, MapleCli.ExitCodeOf(new ImageTooLargeException("x.png", 9000, 9000, 50_000_000)));
        Assert.Equal(ExitCodes.BadInput, MapleCli.ExitCodeOf(new ClipWeightsException("w", [], [], [], "heads")));
        Assert.Equal(ExitCodes.BadInput, MapleCli.ExitCodeOf(new TrainingCheckpointException("c")));
        Assert.Equal(ExitCodes.Usage, MapleCli.ExitCodeOf(new OutputPathException("--output", "o", "p", "r")));
        Assert.Equal(ExitCodes.Failure, MapleCli.ExitCodeOf(new NonFiniteLossException(1, 1, 1, "loss", double.NaN, 0.1)));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    public async Task ShotsMustBeMinusOneOrPositive(string shots)
    {
        using var dir = new TempDir();
        var (code, _, err) = await Run(["train", .. Model, "--dataset", "toyworld", "--shots", shots, "--output", dir.File("p.safetensors")]);
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("--shots", err);
        Assert.Empty(Directory.EnumerateFileSystemEntries(dir.Path));
    }

    [Fact]
    public async Task AnAbsurdToyWorldIsRefusedWithItsSize()
    {
        using var dir = new TempDir();
        var (code, _, err) = await Run(["train", .. Model, "--dataset", "toyworld", "--shots", "100000", "--output", dir.File("p.safetensors")]);
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("1,000,500 images", err);
    }

    [Fact]
    public async Task OutputPathsAreCheckedBeforeAnyWork()
    {
        using var dir = new TempDir();
        string existing = dir.File("existing.safetensors");
        File.WriteAllText(existing, "keep me");
        var (code, _, err) = await Run(Train(existing));
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("--force", err);
        Assert.Equal("keep me", File.ReadAllText(existing));

        (code, _, err) = await Run(Train(dir.Path));
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("folder", err);

        (code, _, err) = await Run(Train("/proc/maple-no-such/prompts.safetensors"));
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("cannot be written", err);

        (code, _, err) = await Run(Train(dir.File("p.safetensors"), "--checkpoints", existing));
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("--checkpoints", err);
        Assert.False(File.Exists(dir.File("p.safetensors")));

        (code, _, err) = await Run(Train(existing, "--force"));
        Assert.True(code == ExitCodes.Ok, err);
        Assert.NotNull(PromptStateFile.Describe(existing).Options);
    }

    [Fact]
    public async Task ACheckpointFolderInUseIsRefused()
    {
        using var dir = new TempDir();
        string checkpoints = Path.Combine(dir.Path, "ck");
        Directory.CreateDirectory(checkpoints);
        using var held = CheckpointFolderLock.Acquire(checkpoints);
        var (code, _, err) = await Run(Train(dir.File("p.safetensors"), "--checkpoints", checkpoints));
        Assert.Equal(ExitCodes.Failure, code);
        Assert.Contains("in use by process", err);
    }

    [Fact]
    public async Task ACancelledRunWritesTheCheckpointEvenBeforeTheFirstStepNotTheOutputAndResumes()
    {
        using var dir = new TempDir();
        string output = dir.File("p.safetensors");
        string checkpoints = Path.Combine(dir.Path, "ck");
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        var (code, _, err) = await Run(Train(output, "--checkpoints", checkpoints), cancelled.Token);
        Assert.Equal(ExitCodes.Interrupted, code);
        Assert.False(File.Exists(output));
        Assert.Contains("step 0/", err);
        Assert.Contains("To resume, run the same command again", err);
        Assert.False(File.Exists(Path.Combine(checkpoints, CheckpointFolderLock.FileName)));
        using (var checkpoint = TrainingCheckpoint.Load(checkpoints))
            Assert.Equal(0, checkpoint.Info.GlobalStep);

        (code, var outText, err) = await Run(Train(output, "--checkpoints", checkpoints));
        Assert.True(code == ExitCodes.Ok, err);
        Assert.Contains("resuming from", outText);
        Assert.Contains("epoch 1/1, step 0/", outText);
        Assert.True(File.Exists(output));
    }

    [Fact]
    public async Task ACancelledRunWithoutCheckpointsSaysNothingWasSaved()
    {
        using var dir = new TempDir();
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        var (code, _, err) = await Run(Train(dir.File("p.safetensors")), cancelled.Token);
        Assert.Equal(ExitCodes.Interrupted, code);
        Assert.Contains("nothing was saved", err);
        Assert.Empty(Directory.EnumerateFileSystemEntries(dir.Path));
    }

    [Fact]
    public async Task VerbosePrintsTheStackTrace()
    {
        var (code, _, err) = await Run(["info", "--verbose", "/nonexistent/weights.safetensors"]);
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("   at ", err);
    }
}
