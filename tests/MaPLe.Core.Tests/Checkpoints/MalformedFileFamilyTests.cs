using MaPLe.Checkpoints;
using MaPLe.Data;
using MaPLe.Tokenization;
using MaPLe.Tests.TestSupport;
using MaPLe.Training;

namespace MaPLe.Tests.Checkpoints;

/// <summary>Every malformed-file error is one catchable family that names the file it came from.</summary>
public sealed class MalformedFileFamilyTests
{
    [Fact]
    public void Each_malformed_input_kind_is_a_MalformedFileException_naming_its_file()
    {
        using var dir = new TempDir();

        var safetensors = dir.File("short.safetensors");
        File.WriteAllBytes(safetensors, [1, 2, 3]);
        AssertNames(safetensors, () => SafeTensorsFile.Open(safetensors));

        var merges = dir.File("merges.txt");
        File.WriteAllText(merges, "header\ni n\nt h e\n");
        var tokenizer = AssertNames(merges, () => ClipTokenizer.FromBpeFile(merges));
        Assert.Equal("line 3", tokenizer.Location);

        var list = dir.File("train.json");
        File.WriteAllText(list, "{ not json");
        AssertNames(list, () => Datasets.FromLists("N", list, null, list));

        var checkpoint = dir.File("prompts.safetensors");
        SafeTensors.Save(checkpoint, [], new Dictionary<string, string>());
        AssertNames(checkpoint, () => TrainingCheckpoint.Load(checkpoint));
    }

    private static MalformedFileException AssertNames(string path, Action read)
    {
        var e = Assert.ThrowsAny<MalformedFileException>(read);
        Assert.IsAssignableFrom<FormatException>(e);
        Assert.Equal(path, e.FilePath);
        Assert.Contains(path, e.Message);
        Assert.False(string.IsNullOrWhiteSpace(e.Problem));
        return e;
    }
}
