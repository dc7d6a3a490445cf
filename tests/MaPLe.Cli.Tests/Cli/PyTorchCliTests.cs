using System.Text.Json;
using MaPLe.Checkpoints;
using MaPLe.Checkpoints.PyTorch;
using MaPLe.Cli;
using MaPLe.Prompting;
using MaPLe.Prompting.Official;
using MaPLe.Tests.TestSupport;
using MaPLe.ToyWorld;
using static TorchSharp.torch;

namespace MaPLe.Tests.Cli;

/// <summary>
/// <c>maple info|convert|export|eval|predict</c> on the PyTorch fixture set (<c>MAPLE_PYTORCH_FIXTURES</c>): every
/// weights file converts to the tiny CLIP's exact values, every checkpoint case is described, converted and exported with
/// the keys, dtypes and bytes its <c>case.json</c>/<c>expected.safetensors</c> give, and every hostile file is one
/// error line with exit code 3.
/// </summary>
[Collection("Sequential")]
[Trait("Category", "Parity")]
public sealed class PyTorchCliTests
{
    public static TheoryData<string> Weights() => PyTorchFixtures.WeightFiles();

    public static TheoryData<string> Cases() => PyTorchFixtures.CheckpointCases();

    public static TheoryData<string> Hostile() => PyTorchFixtures.MaliciousFiles();

    private static async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = await MapleCli.RunAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    private static string[] TinyModel => ["--weights", PyTorchFixtures.TinyOpenAiWeights, "--vocab", Fixtures.BpeVocab];

    private sealed record Case(string Dir, string Checkpoint, string Method, string ModelName, int Epoch, int Entries, Dictionary<string, string> PromptKeys)
    {
        public string ClassesFile => Path.Combine(Dir, "classnames.txt");

        public Dictionary<string, Tensor> Expected() => SafeTensors.Load(Path.Combine(Dir, "expected.safetensors"));

        public static Case Read(string name)
        {
            var dir = Path.Combine(PyTorchFixtures.Root, "checkpoints", name);
            using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "case.json")));
            var c = json.RootElement;
            return new Case(dir, Path.Combine(dir, c.GetProperty("checkpoint").GetString()!), c.GetProperty("method").GetString()!,
                c.GetProperty("model_name").GetString()!, c.GetProperty("epoch").GetInt32(), c.GetProperty("state_dict_entries").GetInt32(),
                c.GetProperty("prompt_keys").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!));
        }
    }

    // case.json spells dtypes as safetensors does.
    private static ScalarType DType(string name) => name switch
    {
        "F16" => ScalarType.Float16,
        "BF16" => ScalarType.BFloat16,
        "F32" => ScalarType.Float32,
        "F64" => ScalarType.Float64,
        _ => throw new InvalidOperationException($"case.json dtype '{name}' is not a float dtype"),
    };

    private static bool SameBytes(Tensor a, Tensor b) => a.contiguous().bytes.SequenceEqual(b.contiguous().bytes);

    [Theory]
    [MemberData(nameof(Weights))]
    public async Task ConvertedWeightsHoldExactlyTheTinyClip(string file)
    {
        if (FixtureTheory.IsPlaceholder(file)) return;
        using var dir = new TempDir();
        string source = Path.Combine(PyTorchFixtures.Root, "weights", file), converted = dir.File("clip.safetensors");
        var (code, _, err) = await Run("convert", source, converted);
        Assert.True(code == ExitCodes.Ok, err);

        using var scope = NewDisposeScope();
        var reference = SafeTensors.Load(PyTorchFixtures.TinyOpenAiWeights);
        var back = SafeTensors.Load(converted);
        Assert.Equal(reference.Keys.Order(StringComparer.Ordinal), back.Keys.Order(StringComparer.Ordinal));
        foreach (var (key, expected) in reference)
        {
            // A TorchScript archive keeps some tensors in F32 (MANIFEST): kept as stored, equal in value.
            var actual = back[key].dtype == expected.dtype ? back[key] : back[key].to(expected.dtype);
            Assert.True(SameBytes(actual, expected), $"{file}: {key} differs from the tiny CLIP");
        }

        var (_, referenceInfo, _) = await Run("info", PyTorchFixtures.TinyOpenAiWeights);
        (code, var info, err) = await Run("info", source);
        Assert.True(code == ExitCodes.Ok, err);
        Assert.Contains("kind: CLIP weights (OpenAI names", info);
        Assert.Contains("; PyTorch ", info);
        Assert.Contains(FingerprintLine(referenceInfo), info);
    }

    private static string FingerprintLine(string info) =>
        info.Split('\n').Single(l => l.StartsWith("embedding:", StringComparison.Ordinal)).TrimEnd('\r');

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task InfoTellsMethodEpochAndPromptTensors(string caseName)
    {
        if (FixtureTheory.IsPlaceholder(caseName)) return;
        var c = Case.Read(caseName);
        var (code, output, err) = await Run("info", c.Checkpoint);
        Assert.True(code == ExitCodes.Ok, err);
        Assert.Contains($"method: {c.Method} (from its keys; folder {c.ModelName})", output);
        Assert.Contains($"epoch: {c.Epoch}", output);
        Assert.Contains($"state_dict: {c.Entries} tensors", output);
        Assert.Contains($"{c.PromptKeys.Count} prompt tensors", output);
        foreach (var (key, dtype) in c.PromptKeys)
            Assert.Contains($"  {key}  {DType(dtype)}  ", output);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task ConvertThenExportGivesTheOfficialKeysDtypesAndBytes(string caseName)
    {
        if (FixtureTheory.IsPlaceholder(caseName)) return;
        var c = Case.Read(caseName);
        using var dir = new TempDir();
        using var scope = NewDisposeScope();
        var expected = c.Expected();
        var classes = File.ReadAllLines(c.ClassesFile).Where(l => l.Length > 0).ToList();

        // checkpoint → prompt file: this library's names, float32, method and options recorded.
        string promptFile = dir.File("prompts.safetensors");
        var (code, _, err) = await Run("convert", c.Checkpoint, promptFile, "--classes-file", c.ClassesFile);
        Assert.True(code == ExitCodes.Ok, err);
        var description = PromptStateFile.Describe(promptFile);
        Assert.Equal(c.Method, description.Method);
        Assert.Equal(classes, description.ClassNames);
        var converted = SafeTensors.Load(promptFile);
        Assert.Equal(c.PromptKeys.Keys.Select(k => OfficialCheckpoint.FromOfficialKey(c.Method, k)).Order(StringComparer.Ordinal),
            converted.Keys.Order(StringComparer.Ordinal));
        foreach (var key in c.PromptKeys.Keys)
            Assert.True(SameBytes(converted[OfficialCheckpoint.FromOfficialKey(c.Method, key)], expected["state." + key].to(ScalarType.Float32)), $"{caseName}: converted {key}");

        // checkpoint → official export, and prompt file → official export: both what the official trainer saves.
        foreach (var (input, name) in new[] { (c.Checkpoint, "from-checkpoint"), (promptFile, "from-prompt-file") })
        {
            string folder = dir.File(name);
            (code, _, err) = await Run("export", input, "-o", folder, "--epoch", c.Epoch.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.True(code == ExitCodes.Ok, err);
            string written = Path.Combine(folder, c.ModelName, $"model.pth.tar-{c.Epoch}");
            Assert.Equal($"model.pth.tar-{c.Epoch}\n", File.ReadAllText(Path.Combine(folder, c.ModelName, "checkpoint")));
            var info = DasslCheckpoint.Describe(written);
            Assert.Equal(c.Epoch, info.Epoch);
            Assert.Equal(["state_dict", "epoch"], info.TopLevelKeys);
            var back = DasslCheckpoint.ReadStateDict(written);
            Assert.Equal(c.PromptKeys.Keys.Order(StringComparer.Ordinal), back.Keys.Order(StringComparer.Ordinal));
            foreach (var (key, dtype) in c.PromptKeys)
            {
                Assert.Equal(DType(dtype), back[key].dtype);
                Assert.True(SameBytes(back[key], expected["state." + key]), $"{caseName} {name}: {key} differs from what torch stored");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task PredictFromTheCheckpointEqualsPredictFromItsPromptFile(string caseName)
    {
        if (FixtureTheory.IsPlaceholder(caseName)) return;
        var c = Case.Read(caseName);
        using var dir = new TempDir();
        var images = ToyImages(dir);
        string promptFile = dir.File("prompts.safetensors");
        var (code, _, err) = await Run("convert", c.Checkpoint, promptFile, "--classes-file", c.ClassesFile);
        Assert.True(code == ExitCodes.Ok, err);

        (code, var direct, err) = await Run(["predict", .. TinyModel, "--prompts", c.Checkpoint, "--classes-file", c.ClassesFile, "--top-k", "2", .. images]);
        Assert.True(code == ExitCodes.Ok, err);
        (code, var viaFile, err) = await Run(["predict", .. TinyModel, "--prompts", promptFile, "--top-k", "2", .. images]);
        Assert.True(code == ExitCodes.Ok, err);
        Assert.Equal(images.Count, direct.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal(viaFile, direct);
    }

    [Fact]
    public async Task EvalReadsAnOfficialCheckpointAndItsMethod()
    {
        var c = FirstCase("maple");
        if (c is null) return;
        var (code, output, err) = await Run(["eval", .. TinyModel, "--prompts", c.Checkpoint, "--dataset", "toyworld", "--subsample", "new", "--shots", "1"]);
        Assert.True(code == ExitCodes.Ok, err);
        Assert.Contains("* accuracy:", output);
        Assert.Contains("maple on ToyWorld", output);
    }

    [Fact]
    public async Task AnotherInitPhraseIsWarnedAbout()
    {
        var c = FirstCase("maple");
        if (c is null) return;
        using var dir = new TempDir();
        var images = ToyImages(dir);
        var (code, _, err) = await Run(["predict", .. TinyModel, "--prompts", c.Checkpoint, "--classes-file", c.ClassesFile, .. images]);
        Assert.True(code == ExitCodes.Ok, err);
        Assert.DoesNotContain("warning:", err);
        (code, _, err) = await Run(["predict", .. TinyModel, "--prompts", c.Checkpoint, "--classes-file", c.ClassesFile, "--ctx-init", "a satellite image of", .. images]);
        Assert.True(code == ExitCodes.Ok, err);
        Assert.Contains("warning: ", err);
        Assert.Contains("continue with \"of a ", err);
    }

    [Fact]
    public async Task AMethodThatContradictsTheKeysIsRefusedNamingFileAndMethods()
    {
        var c = FirstCase("coop");
        if (c is null) return;
        var (code, _, err) = await Run(["predict", .. TinyModel, "--prompts", c.Checkpoint, "--method", "maple", "--classes", "a,b", "x.png"]);
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains(c.Checkpoint, err);
        Assert.Contains("coop checkpoint, not maple", err);

        (code, _, err) = await Run(["predict", .. TinyModel, "--prompts", c.Checkpoint, "x.png"]);
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("--classes", err);
    }

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task EveryHostileFileIsOneErrorLineAndExitCode3(string file)
    {
        if (FixtureTheory.IsPlaceholder(file) || file.StartsWith("control", StringComparison.Ordinal)) return;
        using var dir = new TempDir();
        using var imageDir = new TempDir();
        string image = ToyImages(imageDir)[0];
        string path = Path.Combine(PyTorchFixtures.Root, "malicious", file);
        string[][] commands =
        [
            ["info", path],
            ["convert", path, dir.File("out.safetensors")],
            ["export", path, "-o", dir.File("export")],
            ["predict", .. TinyModel, "--prompts", path, "--classes", "a,b", image],
            ["zero-shot", "--weights", path, "--classes", "a,b", image],
        ];
        foreach (var args in commands)
        {
            var (code, _, err) = await Run(args);
            Assert.True(code == ExitCodes.BadInput, $"maple {args[0]} {file}: exit {code}, {err}");
            Assert.Single(err.TrimEnd().Split('\n'));
            Assert.Contains(path, err);
        }
        Assert.Empty(Directory.EnumerateFileSystemEntries(dir.Path));
        Assert.False(File.Exists("/tmp/maple-pwned"));
    }

    [Fact]
    public async Task ATruncatedCheckpointIsOneErrorLineNamingIt()
    {
        var c = FirstCase("coop");
        if (c is null) return;
        using var dir = new TempDir();
        string cut = dir.File("model.pth.tar-4");
        var bytes = File.ReadAllBytes(c.Checkpoint);
        File.WriteAllBytes(cut, bytes[..(bytes.Length / 2)]);
        foreach (var args in new[] { new[] { "info", cut }, ["export", cut, "-o", dir.File("out")], ["eval", .. TinyModel, "--prompts", cut, "--dataset", "toyworld"] })
        {
            var (code, _, err) = await Run(args);
            Assert.True(code == ExitCodes.BadInput, $"maple {args[0]}: exit {code}, {err}");
            Assert.Single(err.TrimEnd().Split('\n'));
            Assert.Contains(cut, err);
        }
    }

    private static Case? FirstCase(string method)
    {
        var dir = Path.Combine(PyTorchFixtures.Root, "checkpoints");
        return Directory.Exists(dir)
            ? Directory.GetDirectories(dir).Order(StringComparer.Ordinal).Select(d => Case.Read(Path.GetFileName(d))).FirstOrDefault(c => c.Method == method)
            : null;
    }

    private static List<string> ToyImages(TempDir dir)
    {
        var dataset = new ToyWorldDataset(new ToyWorldDatasetOptions
        {
            Classes = [ToyColorShape.Parse("red circle"), ToyColorShape.Parse("blue star")], Seed = 3, TrainPerClass = 1, ValPerClass = 0, TestPerClass = 1,
        });
        var paths = new List<string>();
        foreach (var item in dataset.Test)
        {
            string path = dir.File($"{item.ClassName.Replace(' ', '_')}.png");
            ToyContactSheet.SavePng(item.Source!(), path);
            paths.Add(path);
        }
        return paths;
    }
}
