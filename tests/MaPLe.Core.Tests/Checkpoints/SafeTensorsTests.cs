using System.Text;
using MaPLe.Checkpoints;
using MaPLe.Tests.TestSupport;
using static TorchSharp.torch;

namespace MaPLe.Tests.Checkpoints;

public sealed class SafeTensorsTests
{
    private static byte[] Build(string headerJson, byte[] data)
    {
        var header = Encoding.UTF8.GetBytes(headerJson);
        return [.. BitConverter.GetBytes((ulong)header.Length), .. header, .. data];
    }

    [Fact]
    public void RoundTripsEveryDtypeWithMetadata()
    {
        using var dir = new TempDir();
        using var scope = NewDisposeScope();
        var tensors = new Dictionary<string, Tensor>
        {
            ["f32"] = arange(6, ScalarType.Float32).reshape(2, 3),
            ["f16"] = tensor(new[] { 0.5f, -2f }).to(ScalarType.Float16),
            ["bf16"] = tensor(new[] { 1.5f, 3f }).to(ScalarType.BFloat16),
            ["f64"] = tensor(new[] { Math.PI }),
            ["i64"] = tensor(new long[] { long.MaxValue, -1 }),
            ["scalar"] = tensor(4.60546875f),
        };
        string path = dir.File("t.safetensors");
        SafeTensors.Save(path, tensors, new Dictionary<string, string> { ["method"] = "maple" });

        using var file = SafeTensorsFile.Open(path);
        Assert.Equal("maple", file.Metadata["method"]);
        foreach (var (k, v) in tensors)
        {
            var back = file.Read(k);
            Assert.Equal(v.dtype, back.dtype);
            Assert.Equal(v.shape, back.shape);
            Assert.True(back.to(ScalarType.Float64).eq(v.to(ScalarType.Float64)).all().item<bool>(), k);
        }
        // safetensors requires an 8-byte aligned data section
        var bytes = File.ReadAllBytes(path);
        Assert.Equal(0UL, BitConverter.ToUInt64(bytes, 0) % 8);
    }

    [Fact]
    public void ReadsTheReferenceWeightsInFileOrder()
    {
        using var file = SafeTensorsFile.Open(Fixtures.TinyOpenAiWeights);
        Assert.Equal(302, file.Tensors.Count);   // MANIFEST: the OpenAI state dict without metadata scalars
        Assert.Equal(SafeTensorDType.F16, file["logit_scale"].DType);
        using var scale = file.Read("logit_scale");
        Assert.Equal(4.60546875, scale.to(ScalarType.Float64).item<double>());
    }

    public static TheoryData<string, byte[], string> Malformed() => new()
    {
        { "shorter than 8 bytes", new byte[] { 1, 2, 3 }, "shorter than the 8-byte header length" },
        { "header length past the end", [.. BitConverter.GetBytes(1000UL), .. "{}"u8.ToArray()], "runs past the end of the file" },
        { "not json", Build("{not json", []), "not valid JSON" },
        { "unknown dtype", Build("{\"a\":{\"dtype\":\"Q7\",\"shape\":[1],\"data_offsets\":[0,4]}}", new byte[4]), "unsupported dtype 'Q7'" },
        { "offsets past the end", Build("{\"a\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]}}", new byte[8]), "run past the end of the data section" },
        { "overlapping offsets", Build("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}", new byte[12]), "overlap" },
        { "size does not match shape", Build("{\"a\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", new byte[8]), "needs 12 bytes" },
        { "negative offset", Build("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[-4,0]}}", new byte[8]), "invalid data_offsets" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void MalformedFilesRaiseAClearError(string what, byte[] content, string expectedMessage)
    {
        using var dir = new TempDir();
        string path = dir.File("bad.safetensors");
        File.WriteAllBytes(path, content);
        var e = Assert.Throws<SafeTensorsFormatException>(() => SafeTensorsFile.Open(path));
        Assert.Contains(expectedMessage, e.Message);
        Assert.Contains(path, e.Message);
        Assert.False(string.IsNullOrEmpty(what));
    }

    [Fact]
    public void TruncatedRealFileIsRejected()
    {
        using var dir = new TempDir();
        string path = dir.File("truncated.safetensors");
        var bytes = File.ReadAllBytes(Fixtures.TinyOpenAiWeights);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        var e = Assert.Throws<SafeTensorsFormatException>(() => SafeTensorsFile.Open(path));
        Assert.Contains("truncated", e.Message);
    }

    [Fact]
    public void MissingFileNamesThePath()
    {
        var e = Assert.Throws<FileNotFoundException>(() => SafeTensorsFile.Open("/nonexistent/model.safetensors"));
        Assert.Contains("/nonexistent/model.safetensors", e.Message);
    }

    [Fact]
    public void SaveReplacesAtomicallyAndLeavesNoTemporaryFiles()
    {
        using var dir = new TempDir();
        using var scope = NewDisposeScope();
        string path = dir.File("p.safetensors");
        SafeTensors.Save(path, [KeyValuePair.Create("a", ones(2))]);
        SafeTensors.Save(path, [KeyValuePair.Create("b", zeros(3))]);
        Assert.Equal(["p.safetensors"], Directory.GetFiles(dir.Path).Select(Path.GetFileName));
        using var f = SafeTensorsFile.Open(path);
        Assert.Equal(["b"], f.Names);
    }
}
