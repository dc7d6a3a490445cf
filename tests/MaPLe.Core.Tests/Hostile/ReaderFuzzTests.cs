using System.Text;
using System.Text.Json;
using MaPLe.Checkpoints;
using MaPLe.IO;
using MaPLe.Data;
using MaPLe.Data.Readers;
using MaPLe.Imaging;
using MaPLe.Prompting;
using MaPLe.Tests.TestSupport;
using MaPLe.Tests.Training;
using MaPLe.Tokenization;
using MaPLe.Training;
using static TorchSharp.torch;

namespace MaPLe.Tests.Hostile;

/// <summary>
/// A fuzz test per reader: hundreds of seeded mutations of a valid file; only the reader's documented exceptions may
/// escape (never an OverflowException, a JsonException, a native abort or an unbounded allocation).
/// </summary>
[Collection("Sequential")]
public sealed class ReaderFuzzTests
{
    private const int Mutations = 300;

    private static void AssertNone(List<string> failures) =>
        Assert.True(failures.Count == 0, $"{failures.Count} mutations escaped:\n" + string.Join("\n", failures.Take(15)));

    private static (byte[] Header, byte[] Data) Split(byte[] file)
    {
        int n = (int)BitConverter.ToUInt64(file);
        return (file[8..(8 + n)], file[(8 + n)..]);
    }

    [Fact]
    public void SafeTensorsHeaders()
    {
        using var dir = new TempDir();
        using (var scope = NewDisposeScope())
            SafeTensors.Save(dir.File("valid.safetensors"), new Dictionary<string, Tensor>
            {
                ["w"] = randn(3, 4), ["b"] = zeros(4, ScalarType.Float16), ["i"] = arange(5L), ["s"] = tensor(2.5f),
            }, new Dictionary<string, string> { ["note"] = "x" });
        var (header, data) = Split(File.ReadAllBytes(dir.File("valid.safetensors")));
        AssertNone(Fuzzer.Run(header, ".safetensors", path =>
        {
            using var scope = NewDisposeScope();
            using var file = SafeTensorsFile.Open(path);
            file.ReadAll();
        }, e => e is SafeTensorsFormatException, Mutations, seed: 1, wrap: h => HostileFiles.SafeTensors(h, data)));
    }

    [Fact]
    public void SafeTensorsFiles()
    {
        var valid = File.ReadAllBytes(Fixtures.TinyOpenAiWeights);
        int headerEnd = 8 + (int)BitConverter.ToUInt64(valid);
        AssertNone(Fuzzer.Run(valid, ".safetensors", path =>
        {
            using var scope = NewDisposeScope();
            using var file = SafeTensorsFile.Open(path);
            file.ReadAll();
        }, e => e is SafeTensorsFormatException, Mutations, seed: 2, region: headerEnd + 64));
    }

    [Fact]
    public void ClipWeights()
    {
        var valid = File.ReadAllBytes(Fixtures.TinyOpenAiWeights);
        var (header, data) = Split(valid);
        AssertNone(Fuzzer.Run(header, ".safetensors", path => MaPLe.Clip.ClipBackbone.Load(path).Dispose(),
            e => e is SafeTensorsFormatException or ClipWeightsException, 150, seed: 3, wrap: h => HostileFiles.SafeTensors(h, data)));
    }

    [Fact]
    public void PromptFileMetadata()
    {
        using var dir = new TempDir();
        using var tuner = TinyTuners.Create(["red circle", "blue star"]);
        tuner.SavePrompts(dir.File("valid.safetensors"));
        var (header, data) = Split(File.ReadAllBytes(dir.File("valid.safetensors")));
        // Mutations land in the metadata (method, options, classes, backbone) and the tensor entries alike.
        AssertNone(Fuzzer.Run(header, ".safetensors", path =>
        {
            var description = PromptStateFile.Describe(path);
            if (description.Options is { } options && options.Method == tuner.Learner.Method)
                tuner.LoadPrompts(path);
        }, e => e is SafeTensorsFormatException or PromptStateException, Mutations, seed: 4, wrap: h => HostileFiles.SafeTensors(h, data)));
    }

    [Fact]
    public async Task TrainingCheckpoints()
    {
        using var dir = new TempDir();
        using var data = new SyntheticData(classes: 2, perClass: 2);
        using var tuner = TinyTuners.Create(data.ClassNames);
        await tuner.FitAsync(new TensorBatchSource(data.Images, data.Labels, batchSize: 2), new TrainingOptions { Epochs = 1, CheckpointDirectory = dir.Path, LogEverySteps = 0 });
        var (header, tensors) = Split(File.ReadAllBytes(dir.File(TrainingCheckpoint.FileName)));
        AssertNone(Fuzzer.Run(header, ".safetensors", path => TrainingCheckpoint.Load(path).Dispose(),
            e => e is TrainingCheckpointException, Mutations, seed: 5, wrap: h => HostileFiles.SafeTensors(h, tensors)));
    }

    [Fact]
    public void BpeVocabularies()
    {
        var valid = Encoding.UTF8.GetBytes(string.Join("\n", ReadGzipLines(SampleAssets.Vocabulary)));
        AssertNone(Fuzzer.Run(valid, ".txt", path => ClipTokenizer.FromBpeFile(path).Encode("a red circle"),
            e => e is TokenizerFileException, Mutations, seed: 6));
    }

    private static IEnumerable<string> ReadGzipLines(string path)
    {
        using var gz = new System.IO.Compression.GZipStream(File.OpenRead(path), System.IO.Compression.CompressionMode.Decompress);
        using var reader = new StreamReader(gz);
        return reader.ReadToEnd().Split('\n');
    }

    [Fact]
    public void ClassLists()
    {
        var valid = "red circle\nblue star\ngolden retriever\ncafé\n"u8.ToArray();
        // The class-list reader (maple's --classes-file, dataset class-name files) returns a reason, never throws.
        AssertNone(Fuzzer.Run(valid, ".txt", path =>
        {
            if (Utf8Text.TryReadLines(path, out var problem) is null && string.IsNullOrEmpty(problem))
                throw new InvalidOperationException("refused without a reason");
        }, _ => false, Mutations, seed: 7));
    }

    [Fact]
    public void Images()
    {
        using var dir = new TempDir();
        string png = dir.File("valid.png");
        MaPLe.ToyWorld.ToyContactSheet.SavePng(new RgbImage(8, 6, Enumerable.Range(0, 8 * 6 * 3).Select(i => (byte)i).ToArray()), png);
        var decoder = new SkiaImageDecoder { MaxPixels = 1_000_000 };
        AssertNone(Fuzzer.Run(File.ReadAllBytes(png), ".png", path => decoder.Decode(path), e => e is ImageDecodeException, Mutations, seed: 8));
    }

    [Fact]
    public void DatasetLists()
    {
        string csv = "path,label,classname\na.png,0,red circle\n\"b,1.png\",1,blue star\nc.png,1,blue star\n";
        string json = JsonSerializer.Serialize(new object[] { new object[] { "a.png", 0, "red circle" }, new { path = "b.png", label = 1, classname = "blue star" } });
        static bool Documented(Exception e) => e is DatasetFormatException or DatasetNotFoundException;
        AssertNone(Fuzzer.Run(Encoding.UTF8.GetBytes(csv), ".csv", path => ImageListSource.Read(path), Documented, Mutations, seed: 9));
        AssertNone(Fuzzer.Run(Encoding.UTF8.GetBytes(json), ".json", path => ImageListSource.Read(path), Documented, Mutations, seed: 10));
    }
}
