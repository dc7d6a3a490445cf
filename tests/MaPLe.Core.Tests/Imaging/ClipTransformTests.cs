using MaPLe.Imaging;
using static TorchSharp.torch;

namespace MaPLe.Tests.Imaging;

public sealed class ClipTransformTests
{
    private static readonly float[] Mean = [0.48145466f, 0.4578275f, 0.40821073f];
    private static readonly float[] Std = [0.26862954f, 0.26130258f, 0.27577711f];

    /// <summary>torchvision: ToTensor divides by 255, Normalize subtracts the mean and divides by the std, all in float32.</summary>
    private static float Normalized(byte v, int channel) => ((float)v / 255f - Mean[channel]) / Std[channel];

    private static RgbImage Gradient(int width, int height)
    {
        var pixels = new byte[width * height * 3];
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
            {
                int i = (y * width + x) * 3;
                pixels[i] = (byte)(x * 7 + y);
                pixels[i + 1] = (byte)(y * 5);
                pixels[i + 2] = (byte)(255 - x * 3);
            }
        return new RgbImage(width, height, pixels);
    }

    [Theory]
    [InlineData(500, 375, 224, 298, 224)]
    [InlineData(375, 500, 224, 224, 298)]
    [InlineData(640, 427, 224, 335, 224)] // 224 * 640 / 427 = 335.74, truncated
    [InlineData(512, 512, 64, 64, 64)]
    [InlineData(100, 50, 224, 448, 224)] // upsampling
    public void Resized_size_follows_torchvision_int_resize(int w, int h, int n, int expectedW, int expectedH) =>
        Assert.Equal((expectedW, expectedH), ClipTestTransform.ResizedSize(w, h, n));

    [Theory]
    [InlineData(298, 224, 224, 37, 0)]  // (298 - 224) / 2 = 37
    [InlineData(333, 224, 224, 54, 0)]  // 54.5 rounds half to even: 54, not 55
    [InlineData(335, 224, 224, 56, 0)]  // 55.5 rounds half to even: 56
    [InlineData(224, 301, 224, 0, 38)]  // 38.5 -> 38
    public void Center_crop_uses_python_round(int w, int h, int n, int left, int top) =>
        Assert.Equal(new PixelRegion(left, top, n, n), ClipTestTransform.CenterCropRegion(w, h, n));

    [Fact]
    public void Test_transform_of_an_image_already_at_resolution_is_plain_normalisation()
    {
        var image = Gradient(8, 8);
        using var tensor = new ClipTestTransform(8).Apply(image, new Random(1));
        Assert.Equal([3L, 8, 8], tensor.shape);
        Assert.Equal(ScalarType.Float32, tensor.dtype);
        var values = tensor.data<float>().ToArray();
        for (int c = 0; c < 3; c++)
            for (int y = 0; y < 8; y++)
                for (int x = 0; x < 8; x++)
                    Assert.Equal(Normalized(image.Pixels[(y * 8 + x) * 3 + c], c), values[(c * 8 + y) * 8 + x]);
    }

    [Fact]
    public void Test_transform_center_crops_without_resampling_when_the_short_side_is_the_resolution()
    {
        var image = Gradient(11, 6); // 6 -> 6: no resize; crop left = round(2.5) = 2
        using var tensor = new ClipTestTransform(6).Apply(image);
        var values = tensor.data<float>().ToArray();
        for (int y = 0; y < 6; y++)
            for (int x = 0; x < 6; x++)
                Assert.Equal(Normalized(image.Pixels[(y * 11 + x + 2) * 3], 0), values[y * 6 + x]);
    }

    [Fact]
    public void Test_transform_shape_for_any_resolution()
    {
        var image = Gradient(50, 37);
        foreach (var n in new[] { 1, 16, 37, 64, 100 })
        {
            using var tensor = new ClipTestTransform(n).Apply(image);
            Assert.Equal([3L, n, n], tensor.shape);
        }
    }

    [Fact]
    public void Train_transform_is_deterministic_for_a_seed_and_varies_across_seeds()
    {
        var image = Gradient(60, 45);
        var transform = new ClipTrainTransform(32);
        using var a = transform.Apply(image, new Random(123));
        using var b = transform.Apply(image, new Random(123));
        using var c = transform.Apply(image, new Random(124));
        Assert.Equal([3L, 32, 32], a.shape);
        Assert.Equal(ScalarType.Float32, a.dtype);
        Assert.Equal(a.data<float>().ToArray(), b.data<float>().ToArray());
        Assert.NotEqual(a.data<float>().ToArray(), c.data<float>().ToArray());
    }

    [Theory]
    [InlineData(0.0, false)]
    [InlineData(1.0, true)]
    public void Train_transform_with_a_full_square_crop_is_normalisation_with_optional_mirror(double flipProbability, bool mirrored)
    {
        // Scale (1, 1) and ratio (1, 1) on a square image: the first try crops the whole image, which needs no resize.
        var options = new ClipTransformOptions { Scale = (1, 1), Ratio = (1, 1), FlipProbability = flipProbability };
        var image = Gradient(10, 10);
        using var tensor = new ClipTrainTransform(10, options).Apply(image, new Random(5));
        var values = tensor.data<float>().ToArray();
        for (int c = 0; c < 3; c++)
            for (int y = 0; y < 10; y++)
                for (int x = 0; x < 10; x++)
                {
                    int sx = mirrored ? 9 - x : x;
                    Assert.Equal(Normalized(image.Pixels[(y * 10 + sx) * 3 + c], c), values[(c * 10 + y) * 10 + x]);
                }
    }

    [Fact]
    public void Apply_into_writes_the_same_values_as_apply()
    {
        var image = Gradient(70, 40);
        var test = new ClipTestTransform(24);
        var train = new ClipTrainTransform(24);
        var buffer = new float[3 * 24 * 24];
        using var expectedTest = test.Apply(image);
        test.ApplyInto(image, buffer);
        Assert.Equal(expectedTest.data<float>().ToArray(), buffer);
        using var expectedTrain = train.Apply(image, new Random(9));
        train.ApplyInto(image, new Random(9), buffer);
        Assert.Equal(expectedTrain.data<float>().ToArray(), buffer);
    }

    [Fact]
    public void Custom_mean_and_std_are_used()
    {
        var options = new ClipTransformOptions { Mean = [0.5f, 0.5f, 0.5f], Std = [0.5f, 0.5f, 0.5f] };
        var image = new RgbImage(1, 1, [0, 255, 51]);
        using var tensor = new ClipTestTransform(1, options).Apply(image);
        Assert.Equal([-1f, 1f, (51f / 255f - 0.5f) / 0.5f], tensor.data<float>().ToArray());
    }

    [Fact]
    public void Invalid_options_are_all_reported_by_name()
    {
        var options = new ClipTransformOptions { Std = [0.2f, 0f, 0.2f], Mean = [0.5f], Scale = (0.5, 0.1), FlipProbability = 2 };
        var e = Assert.Throws<ArgumentException>(() => new ClipTrainTransform(224, options));
        Assert.Contains("Std", e.Message);
        Assert.Contains("Mean", e.Message);
        Assert.Contains("Scale", e.Message);
        Assert.Contains("FlipProbability", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new ClipTestTransform(0));
    }
}
