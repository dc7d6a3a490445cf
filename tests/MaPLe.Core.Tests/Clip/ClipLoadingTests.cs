using MaPLe.Checkpoints;
using MaPLe.Clip;
using MaPLe.Clip.Modules;
using MaPLe.Tests.TestSupport;
using static TorchSharp.torch;

namespace MaPLe.Tests.Clip;

public sealed class ClipLoadingTests
{
    [Theory]
    [InlineData("ViT-B/16")]
    [InlineData("ViT-B/32")]
    [InlineData("ViT-L/14")]
    public void ArchitectureIsInferredFromWeightShapes(string name)
    {
        var config = name switch { "ViT-B/16" => ClipConfig.VitB16, "ViT-B/32" => ClipConfig.VitB32, _ => ClipConfig.VitL14 };
        using var model = new ClipModel(config);   // uninitialised: only shapes matter here
        var shapes = ClipWeights.ToOpenAiStateDict(model).ToDictionary(kv => kv.Key, kv => kv.Value.shape);
        Assert.Equal(config, ClipConfigInference.Infer(shapes, name));
    }

    [Fact]
    public void ViTB16StateDictHasTheUpstreamKeysAndParameterCount()
    {
        using var model = new ClipModel(ClipConfig.VitB16);
        var sd = ClipWeights.ToOpenAiStateDict(model);
        Assert.Equal(302, sd.Count);  // reference §1.5: 302 tensors
        Assert.Equal(149_620_737L, sd.Values.Sum(t => t.numel()));
        Assert.Equal([2304L, 768L], sd["visual.transformer.resblocks.11.attn.in_proj_weight"].shape);
        Assert.Equal([512L, 2048L], sd["transformer.resblocks.0.mlp.c_proj.weight"].shape);
    }

    [Fact]
    public void SavedRandomModelLoadsBackWithTheSameOutputs()
    {
        using var dir = new TempDir();
        using var scope = NewDisposeScope();
        var config = new ClipConfig(new ClipVisionConfig(96, 2, 3, 8, 32), new ClipTextConfig(40, 2, 2, 16, 600), 24);
        using var a = ClipBackbone.CreateRandom(config, seed: 3);
        string path = dir.File("odd.safetensors");
        ClipWeights.Save(a.Model, path, ScalarType.Float32);
        using var b = ClipBackbone.Load(path);
        Assert.Equal(config, b.Config);   // heads ≠ width/64 survive through the metadata
        var images = randn(2, 3, 32, 32);
        var ids = tensor(new long[,] { { 598, 5, 7, 599, 0, 0 }, { 598, 9, 599, 0, 0, 0 } });
        using var _ = no_grad();
        TensorAssert.Close(b.EncodeImage(images), a.EncodeImage(images), 1e-6, "image features");
        TensorAssert.Close(b.EncodeText(b.EmbedTokens(ids), ids.argmax(-1)), a.EncodeText(a.EmbedTokens(ids), ids.argmax(-1)), 1e-6, "text features");
    }

    [Fact]
    public void TwoLoadsShareNoMutableState()
    {
        using var a = ClipBackbone.Load(Fixtures.TinyOpenAiWeights);
        using var b = ClipBackbone.Load(Fixtures.TinyOpenAiWeights);
        using (no_grad())
            a.Model.visual.proj.add_(1.0);
        Assert.False(a.Model.visual.proj.eq(b.Model.visual.proj).all().item<bool>());
    }

    [Fact]
    public void WeightsAreFrozen()
    {
        using var a = ClipBackbone.Load(Fixtures.TinyOpenAiWeights);
        Assert.All(a.Model.parameters(), p => Assert.False(p.requires_grad));
    }

    [Fact]
    public void MissingUnexpectedAndWrongShapedKeysAreAllListed()
    {
        using var dir = new TempDir();
        var state = SafeTensors.Load(Fixtures.TinyOpenAiWeights);
        state.Remove("visual.ln_post.bias", out var removed);
        removed!.Dispose();
        state["transformer.resblocks.0.mlp.c_fc.bias"].Dispose();
        state["transformer.resblocks.0.mlp.c_fc.bias"] = zeros(3);
        state["prompt_learner.ctx"] = zeros(2, 64);
        string path = dir.File("broken.safetensors");
        SafeTensors.Save(path, state);
        foreach (var t in state.Values) t.Dispose();

        var e = Assert.Throws<ClipWeightsException>(() => ClipBackbone.Load(path));
        Assert.Contains("visual.ln_post.bias", e.Missing);
        Assert.Contains("prompt_learner.ctx", e.Unexpected);
        Assert.Contains(e.WrongShape, s => s.StartsWith("transformer.resblocks.0.mlp.c_fc.bias: expected [256], got [3]"));
        Assert.Contains(path, e.Message);
    }

    [Fact]
    public void ResNetWeightsAreRejectedWithAnExplanation()
    {
        using var dir = new TempDir();
        var state = SafeTensors.Load(Fixtures.TinyOpenAiWeights);
        state.Remove("visual.proj", out var p);
        p!.Dispose();
        string path = dir.File("rn.safetensors");
        SafeTensors.Save(path, state);
        foreach (var t in state.Values) t.Dispose();
        var e = Assert.Throws<ClipWeightsException>(() => ClipBackbone.Load(path));
        Assert.Contains("Only ViT CLIP models are supported", e.Message);
    }
}
