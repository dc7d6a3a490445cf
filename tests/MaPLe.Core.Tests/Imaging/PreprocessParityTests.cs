using MaPLe.Checkpoints;
using MaPLe.Imaging;
using MaPLe.Tests.TestSupport;
using Xunit.Abstractions;

namespace MaPLe.Tests.Imaging;

/// <summary>
/// fixtures preprocess/: every key <c>"&lt;file&gt;@&lt;N&gt;"</c> of expected.safetensors is the official MaPLe test
/// transform (PIL convert("RGB"), Resize(N, bicubic), CenterCrop(N), ToTensor, Normalize) of that file.
/// </summary>
[Trait("Category", "Parity")]
public sealed class PreprocessParityTests(ITestOutputHelper output)
{
    private const string NoFixtures = "(fixture set has no preprocess/expected.safetensors)";

    private static string ExpectedPath => Fixtures.Path_("preprocess", "expected.safetensors");

    public static TheoryData<string> Keys()
    {
        var data = new TheoryData<string>();
        if (!File.Exists(ExpectedPath))
        {
            data.Add(NoFixtures);
            return data;
        }
        using var file = SafeTensorsFile.Open(ExpectedPath);
        foreach (var name in file.Names.Order(StringComparer.Ordinal))
            data.Add(name);
        return data;
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void Test_transform_matches_the_golden_tensor(string key)
    {
        if (key == NoFixtures) return;
        int at = key.LastIndexOf('@');
        Assert.True(at > 0, $"Key '{key}' is not of the form <file>@<N>.");
        string fileName = key[..at];
        int n = int.Parse(key[(at + 1)..], System.Globalization.CultureInfo.InvariantCulture);

        float[] expected;
        using (var file = SafeTensorsFile.Open(ExpectedPath))
        {
            Assert.Equal([3L, n, n], file[key].Shape);
            using var tensor = file.Read(key, TorchSharp.torch.ScalarType.Float32);
            expected = tensor.data<float>().ToArray();
        }

        var transform = new ClipTestTransform(n);
        var image = SkiaImageDecoder.Load(Fixtures.Path_("preprocess", fileName));
        using var actualTensor = transform.Apply(image);
        Assert.Equal([3L, n, n], actualTensor.shape);
        var actual = actualTensor.data<float>().ToArray();

        // Differences measured in [0, 1] pixel units: normalised difference times the channel's std.
        double max = 0, sum = 0;
        int plane = n * n;
        for (int i = 0; i < actual.Length; i++)
        {
            double d = Math.Abs((double)actual[i] - expected[i]) * transform.Options.Std[i / plane];
            max = Math.Max(max, d);
            sum += d;
        }
        double mean = sum / actual.Length;
        output.WriteLine($"{key}: max |diff| = {max * 255:G4}/255, mean |diff| = {mean * 255:G4}/255");
        Assert.True(max <= 1.0 / 255 + 1e-6, $"{key}: max |diff| {max * 255:G4}/255 exceeds 1/255.");
        Assert.True(mean <= 0.02 / 255, $"{key}: mean |diff| {mean * 255:G4}/255 exceeds 0.02/255.");
    }
}
