using MaPLe.Checkpoints;
using MaPLe.Prompting;
using MaPLe.Tests.TestSupport;
using MaPLe.Tests.Training;
using MaPLe.Training;
using static TorchSharp.torch;

namespace MaPLe.Tests.Hostile;

/// <summary>
/// Headers that once crashed the process or passed validation (issue 15): each is now a
/// <see cref="SafeTensorsFormatException"/> naming the file; non-finite values are refused at load with the key.
/// </summary>
[Collection("Sequential")]   // builds seeded tuners and trains: torch's RNG is process-global
public sealed class SafeTensorsHostileTests
{
    private static SafeTensorsFormatException Refused(byte[] file)
    {
        using var dir = new TempDir();
        string path = dir.File("hostile.safetensors");
        File.WriteAllBytes(path, file);
        var e = Assert.Throws<SafeTensorsFormatException>(() => SafeTensorsFile.Open(path).Dispose());
        Assert.Equal(path, e.FilePath);
        Assert.Contains(path, e.Message);
        return e;
    }

    [Fact]
    public void AShapeWhoseElementCountOverflowsIsRefused() =>
        Assert.Contains("overflows", Refused(HostileFiles.SafeTensors("""{"a":{"dtype":"F32","shape":[1099511627776,1099511627776],"data_offsets":[0,0]}}""")).Problem);

    [Fact]
    public void AShapeWhoseByteCountWrapsToZeroIsRefused() =>
        // 2^62 float32s are 2^64 bytes: unchecked, that wraps to 0 and matched the empty offset range.
        Assert.Contains("overflows", Refused(HostileFiles.SafeTensors("""{"a":{"dtype":"F32","shape":[4611686018427387904],"data_offsets":[0,0]}}""")).Problem);

    [Fact]
    public void OffsetsGivenAsStringsAreRefused() =>
        Assert.Contains("data_offsets", Refused(HostileFiles.SafeTensors("""{"a":{"dtype":"F32","shape":[1],"data_offsets":["0","4"]}}""", new byte[4])).Problem);

    [Fact]
    public void AHeaderThatIsNotUtf8IsRefused() =>
        Assert.Contains("UTF-8", Refused(HostileFiles.SafeTensors([.. "{\"a"u8, 0xFF, 0xFE, .. "\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}"u8], new byte[4])).Problem);

    [Fact]
    public void ATensorListedTwiceIsRefused() =>
        Assert.Contains("twice", Refused(HostileFiles.SafeTensors("""{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}""", new byte[4])).Problem);

    [Fact]
    public void NonFiniteWeightsAreRefusedNamingTheKey()
    {
        using var dir = new TempDir();
        using var scope = NewDisposeScope();
        var state = SafeTensors.Load(SampleAssets.Weights);
        state["ln_final.weight"][3] = float.PositiveInfinity;
        string path = dir.File("inf.safetensors");
        SafeTensors.Save(path, state);
        var e = Assert.Throws<SafeTensorsFormatException>(() => MaPLe.Clip.ClipBackbone.Load(path).Dispose());
        Assert.Contains("'ln_final.weight'", e.Message);
        Assert.Contains("non-finite", e.Message);
    }

    [Fact]
    public void NaNPromptsAreRefusedNamingTheKey()
    {
        using var dir = new TempDir();
        using var tuner = TinyTuners.Create(["cat", "dog"]);
        string path = dir.File("nan.safetensors");
        tuner.SavePrompts(path);
        using (var scope = NewDisposeScope())
        {
            using var file = SafeTensorsFile.Open(path);
            var state = file.ReadAll();
            string key = state.Keys.First();
            state[key].view(-1)[0] = float.NaN;
            var metadata = file.Metadata.ToDictionary();
            file.Dispose();
            SafeTensors.Save(path, state, metadata);
        }
        var e = Assert.Throws<SafeTensorsFormatException>(() => tuner.LoadPrompts(path));
        Assert.Contains("NaN", e.Message);
        Assert.Contains("prompt_learner", e.Message);
    }

    [Fact]
    public async Task ANaNCheckpointIsRefusedNamingTheKey()
    {
        using var dir = new TempDir();
        using var data = new SyntheticData(classes: 2, perClass: 2);
        using var tuner = TinyTuners.Create(data.ClassNames);
        await tuner.FitAsync(new TensorBatchSource(data.Images, data.Labels, batchSize: 2), new TrainingOptions { Epochs = 1, CheckpointDirectory = dir.Path, LogEverySteps = 0 });
        string path = dir.File(TrainingCheckpoint.FileName);
        using (var scope = NewDisposeScope())
        {
            using var file = SafeTensorsFile.Open(path);
            var state = file.ReadAll();
            string key = state.Keys.First(k => k.StartsWith(TrainingCheckpoint.MomentumPrefix, StringComparison.Ordinal));
            state[key].view(-1)[0] = float.NegativeInfinity;
            var metadata = file.Metadata.ToDictionary();
            file.Dispose();
            SafeTensors.Save(path, state, metadata);
        }
        var e = Assert.Throws<TrainingCheckpointException>(() => TrainingCheckpoint.Load(path).Dispose());
        Assert.Contains(TrainingCheckpoint.MomentumPrefix, e.Message);
        Assert.Contains("non-finite", e.Message);
    }

    [Fact]
    public void PromptFileMetadataThatIsNotJsonIsAPromptStateError()
    {
        using var dir = new TempDir();
        using var tuner = TinyTuners.Create(["cat", "dog"]);
        string path = dir.File("p.safetensors");
        tuner.SavePrompts(path);
        HostileFiles.Rewrite(path, PromptStateFile.ClassesKey, "[\"cat\", ");
        var e = Assert.Throws<PromptStateException>(() => PromptStateFile.Describe(path));
        Assert.Contains(path, e.Message);
        Assert.Contains(PromptStateFile.ClassesKey, e.Message);

        tuner.SavePrompts(path);
        HostileFiles.Rewrite(path, PromptStateFile.OptionsKey, "{\"ContextLength\": \"many\"}");
        e = Assert.Throws<PromptStateException>(() => PromptStateFile.Describe(path));
        Assert.Contains(PromptStateFile.OptionsKey, e.Message);
    }
}
