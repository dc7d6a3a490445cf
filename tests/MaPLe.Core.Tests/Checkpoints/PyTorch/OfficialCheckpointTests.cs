using System.Text.Json;
using MaPLe.Checkpoints;
using MaPLe.Checkpoints.PyTorch;
using MaPLe.Clip;
using MaPLe.Prompting;
using MaPLe.Prompting.Official;
using MaPLe.Tests.TestSupport;
using static TorchSharp.torch;

namespace MaPLe.Tests.Checkpoints.PyTorch;

/// <summary>
/// Every case under the PyTorch set's <c>checkpoints/</c>: the method read from the keys is the case's, the prompt tensors
/// are bit for bit what torch stored, the learner built from the file reproduces the expected logits (5e-4) and features
/// (1e-5); exporting and reading back gives the same tensors; every <c>export/</c> example loads and reproduces its case.
/// </summary>
[Trait("Category", "Parity")]
public sealed class OfficialCheckpointTests
{
    public static TheoryData<string> Cases() => PyTorchFixtures.CheckpointCases();

    public static TheoryData<string> Exports() => PyTorchFixtures.ExportExamples();

    [Theory]
    [MemberData(nameof(Cases))]
    public void ReproducesTheOfficialLogits(string caseName)
    {
        if (FixtureTheory.IsPlaceholder(caseName)) return;
        using var scope = NewDisposeScope();
        var dir = Path.Combine(PyTorchFixtures.Root, "checkpoints", caseName);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "case.json")));
        var c = json.RootElement;
        var path = Path.Combine(dir, c.GetProperty("checkpoint").GetString()!);

        var (info, method) = OfficialCheckpoint.Describe(path);
        Assert.Equal(c.GetProperty("method").GetString(), method);
        Assert.Equal(c.GetProperty("epoch").GetInt32(), info.Epoch);
        Assert.Equal(c.GetProperty("state_dict_entries").GetInt32(), info.StateDict.Count);

        var expected = SafeTensors.Load(Path.Combine(dir, "expected.safetensors"));
        var promptKeys = c.GetProperty("prompt_keys").EnumerateObject().Select(p => p.Name).ToList();
        var stored = DasslCheckpoint.ReadStateDict(path, promptKeys);
        foreach (var key in promptKeys)
            Assert.True(stored[key].contiguous().bytes.SequenceEqual(expected["state." + key].contiguous().bytes), $"{caseName}: {key} differs from what torch stored");

        using var clip = ClipBackbone.Load(PyTorchFixtures.TinyOpenAiWeights, new ClipBackboneOptions { LinearKernel = LinearKernel.Blas });
        var classes = File.ReadAllLines(Path.Combine(dir, "classnames.txt")).Where(l => l.Length > 0).ToList();
        var shapes = info.StateDict.ToDictionary(t => t.Name, t => t.Shape);
        using var learner = OfficialCheckpoint.InferOptions(method!, shapes).CreateLearner(clip, CaseLearners.Tokenizer, classes);
        OfficialCheckpoint.Load(learner, path);
        var inputs = SafeTensors.Load(Path.Combine(dir, "inputs.safetensors"));
        var output = learner.Forward(inputs["images"]);
        TensorAssert.Close(output.Logits, expected["logits"], 5e-4, $"{caseName} logits");
        TensorAssert.Close(output.ImageFeatures, expected["image_features"], 1e-5, $"{caseName} image features");
        TensorAssert.Close(output.TextFeatures, expected["text_features"], 1e-5, $"{caseName} text features");

        using var temp = new TempDir();
        var exported = OfficialCheckpoint.Export(learner, temp.Path, info.Epoch ?? 1);
        Assert.Equal(Path.Combine(temp.Path, c.GetProperty("model_name").GetString()!, $"model.pth.tar-{info.Epoch ?? 1}"), exported);
        var back = DasslCheckpoint.ReadStateDict(exported);
        Assert.Equal(promptKeys.Order(StringComparer.Ordinal), back.Keys.Order(StringComparer.Ordinal));
        foreach (var key in promptKeys)
        {
            Assert.Equal(stored[key].dtype, back[key].dtype);
            Assert.True(back[key].contiguous().bytes.SequenceEqual(stored[key].contiguous().bytes), $"{caseName}: exported {key} differs");
        }
        Assert.Equal(Path.GetFileName(exported) + "\n", File.ReadAllText(Path.Combine(Path.GetDirectoryName(exported)!, "checkpoint")));
    }

    [Theory]
    [MemberData(nameof(Exports))]
    public void ExportExampleLoadsAndReproducesItsCase(string example)
    {
        if (FixtureTheory.IsPlaceholder(example)) return;
        using var scope = NewDisposeScope();
        var dir = Path.Combine(PyTorchFixtures.Root, "export", example);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "export.json")));
        var caseDir = Path.Combine(PyTorchFixtures.Root, "checkpoints", json.RootElement.GetProperty("from_checkpoint_case").GetString()!);
        var path = Path.Combine(dir, json.RootElement.GetProperty("checkpoint").GetString()!);
        var (info, method) = OfficialCheckpoint.Describe(path);
        using var clip = ClipBackbone.Load(PyTorchFixtures.TinyOpenAiWeights, new ClipBackboneOptions { LinearKernel = LinearKernel.Blas });
        var classes = File.ReadAllLines(Path.Combine(caseDir, "classnames.txt")).Where(l => l.Length > 0).ToList();
        using var learner = OfficialCheckpoint.InferOptions(method!, info.StateDict.ToDictionary(t => t.Name, t => t.Shape)).CreateLearner(clip, CaseLearners.Tokenizer, classes);
        OfficialCheckpoint.Load(learner, path);
        var output = learner.Forward(SafeTensors.Load(Path.Combine(caseDir, "inputs.safetensors"))["images"]);
        TensorAssert.Close(output.Logits, SafeTensors.Load(Path.Combine(caseDir, "expected.safetensors"))["logits"], 5e-4, $"{example} logits");
    }

    [Fact]
    public void ACheckpointOfAnotherMethodIsRefusedNamingTheFile()
    {
        var dir = Path.Combine(PyTorchFixtures.Root, "checkpoints");
        var coop = Directory.Exists(dir) ? Directory.EnumerateFiles(dir, "model.pth.tar-*", SearchOption.AllDirectories).FirstOrDefault(f => OfficialCheckpoint.Describe(f).Method == "coop") : null;
        if (coop is null) return;
        using var clip = ClipBackbone.Load(PyTorchFixtures.TinyOpenAiWeights);
        using var learner = new global::MaPLe.Prompting.MaPLe.MaPLeOptions { PromptDepth = 1 }.CreateLearner(clip, CaseLearners.Tokenizer, ["cat", "dog"]);
        var e = Assert.Throws<PyTorchFormatException>(() => { OfficialCheckpoint.Load(learner, coop); });
        Assert.Contains(coop, e.Message, StringComparison.Ordinal);
        Assert.Contains("coop", e.Message, StringComparison.Ordinal);
    }
}
