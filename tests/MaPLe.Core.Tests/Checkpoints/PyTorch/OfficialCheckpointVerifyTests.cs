using System.Text.Json;
using MaPLe.Clip;
using MaPLe.Prompting;
using MaPLe.Prompting.DeepLanguage;
using MaPLe.Prompting.IndependentVL;
using MaPLe.Prompting.MaPLe;
using MaPLe.Prompting.Official;
using MaPLe.Tests.TestSupport;

namespace MaPLe.Tests.Checkpoints.PyTorch;

/// <summary>
/// <see cref="OfficialCheckpoint.Verify"/> on every checkpoint case: with the CLIP and init phrase the case was made with
/// (case.json), every frozen CLIP tensor the file carries matches and the init phrase is confirmed; with another CLIP or
/// another phrase, it says so.
/// </summary>
[Trait("Category", "Parity")]
public sealed class OfficialCheckpointVerifyTests
{
    public static TheoryData<string> Cases() => PyTorchFixtures.CheckpointCases();

    private static (string Path, string Method, int Entries, int Prompts, int Dropped, string? CtxInit) Read(string caseName)
    {
        var dir = Path.Combine(PyTorchFixtures.Root, "checkpoints", caseName);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "case.json")));
        var c = json.RootElement;
        string? init = c.TryGetProperty("ctx_init", out var i) && i.ValueKind == JsonValueKind.String ? i.GetString() : null;
        return (Path.Combine(dir, c.GetProperty("checkpoint").GetString()!), c.GetProperty("method").GetString()!,
            c.GetProperty("state_dict_entries").GetInt32(), c.GetProperty("prompt_keys").EnumerateObject().Count(),
            c.GetProperty("dropped_by_load_model").GetArrayLength(), init);
    }

    private static PromptMethodOptions Options(string path, string method, string contextInit = "a photo of a")
    {
        var (info, _) = OfficialCheckpoint.Describe(path);
        return OfficialCheckpoint.InferOptions(method, info.StateDict.ToDictionary(t => t.Name, t => t.Shape), contextInit);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void TheCaseOwnClipAndPhraseMatch(string caseName)
    {
        if (FixtureTheory.IsPlaceholder(caseName)) return;
        var c = Read(caseName);
        using var clip = ClipBackbone.Load(PyTorchFixtures.TinyOpenAiWeights);
        var check = OfficialCheckpoint.Verify(c.Path, clip, CaseLearners.Tokenizer, Options(c.Path, c.Method, c.CtxInit ?? "a photo of a"));
        // Whole-model files carry every CLIP weight but the token embedding; CoOp/CoCoOp files carry none.
        Assert.Equal(c.Entries - c.Prompts - c.Dropped, check.FrozenClipCompared);
        Assert.Empty(check.FrozenClipDiffering);
        Assert.True(check.ContextInitMatches, check.StoredContinuation);
        Assert.Empty(check.Warnings);
        Assert.Equal(c.Method is "maple" or "ivlp" or "language_deep", check.ContextInitChecked);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void AnotherClipIsReported(string caseName)
    {
        if (FixtureTheory.IsPlaceholder(caseName)) return;
        var c = Read(caseName);
        if (c.Entries - c.Prompts - c.Dropped == 0) return;   // nothing to compare in CoOp/CoCoOp files
        using var real = ClipBackbone.Load(PyTorchFixtures.TinyOpenAiWeights);
        using var other = ClipBackbone.CreateRandom(real.Config, seed: 7);
        var check = OfficialCheckpoint.Verify(c.Path, other, CaseLearners.Tokenizer, Options(c.Path, c.Method));
        Assert.NotEmpty(check.FrozenClipDiffering);
        Assert.Contains(check.Warnings, w => w.Contains(c.Path, StringComparison.Ordinal) && w.Contains("another CLIP", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void AnotherInitPhraseIsReportedWithTheStoredWords(string caseName)
    {
        if (FixtureTheory.IsPlaceholder(caseName)) return;
        var c = Read(caseName);
        if (c.Method is not ("maple" or "ivlp" or "language_deep")) return;
        using var clip = ClipBackbone.Load(PyTorchFixtures.TinyOpenAiWeights);
        var check = OfficialCheckpoint.Verify(c.Path, clip, CaseLearners.Tokenizer, Options(c.Path, c.Method, "a satellite image of"));
        Assert.True(check.ContextInitChecked);
        Assert.False(check.ContextInitMatches);
        // The official configs' "a photo of a" with n_ctx 2 leaves "of a" before the class name.
        Assert.StartsWith("of a ", check.StoredContinuation);
        Assert.Contains(check.Warnings, w => w.Contains("--ctx-init", StringComparison.Ordinal));
    }
}
