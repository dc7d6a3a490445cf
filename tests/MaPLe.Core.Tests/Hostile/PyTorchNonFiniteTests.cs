using MaPLe.Checkpoints;
using MaPLe.Checkpoints.PyTorch;
using MaPLe.Clip;
using MaPLe.Tests.TestSupport;
using MaPLe.Tests.Training;
using static TorchSharp.torch;

namespace MaPLe.Tests.Hostile;

/// <summary>
/// PyTorch files (CLIP weights, official Dassl checkpoints) holding NaN or ±Inf are refused at load with a
/// <see cref="PyTorchFormatException"/> naming the file and the key, as safetensors files are (issue 15).
/// </summary>
[Collection("Sequential")]   // builds seeded tuners: torch's RNG is process-global
public sealed class PyTorchNonFiniteTests
{
    [Fact]
    public void PyTorchWeightsHoldingInfAreRefusedNamingTheKey()
    {
        using var dir = new TempDir();
        string path = dir.File("inf.pt");
        using (var scope = NewDisposeScope())
        {
            var state = SafeTensors.Load(Fixtures.TinyOpenAiWeights);
            state["ln_final.weight"][3] = float.PositiveInfinity;
            PyTorchFile.SaveCheckpoint(path, state, epoch: 1);
        }
        var e = Assert.Throws<PyTorchFormatException>(() => ClipBackbone.Load(path).Dispose());
        Assert.Contains(path, e.Message);
        Assert.Contains("'ln_final.weight'", e.Message);
        Assert.Contains("non-finite", e.Message);
    }

    [Fact]
    public void AnOfficialCheckpointHoldingNaNPromptsIsRefusedAndLeavesThePromptsAlone()
    {
        using var dir = new TempDir();
        using var tuner = TinyTuners.Create(["cat", "dog"]);
        string path = tuner.ExportOfficialCheckpoint(dir.Path, epoch: 2);
        string key;
        using (var scope = NewDisposeScope())
        {
            var state = DasslCheckpoint.ReadStateDict(path);
            key = state.Keys.First();
            state[key].view(-1)[0] = float.NaN;
            PyTorchFile.SaveCheckpoint(path, state, epoch: 2);
        }
        using var before = NewDisposeScope();
        var snapshot = TinyTuners.Snapshot(tuner);
        var e = Assert.Throws<PyTorchFormatException>(() => tuner.LoadPrompts(path));
        Assert.Contains(path, e.Message);
        Assert.Contains($"'{key}'", e.Message);
        Assert.Contains("NaN", e.Message);
        foreach (var (name, value) in TinyTuners.Snapshot(tuner))
            Assert.True(value.equal(snapshot[name]).all().item<bool>(), $"{name} changed by a refused load");
    }
}
