using MaPLe.Imaging;

namespace MaPLe.Tests.Imaging;

/// <summary>
/// Properties of PIL's resampler that hold independently of the implementation. Bit-exactness against PIL itself is
/// covered by <see cref="PreprocessParityTests"/>.
/// </summary>
public sealed class PilBicubicResamplerTests
{
    private static RgbImage Noise(int width, int height, int seed)
    {
        var pixels = new byte[width * height * 3];
        new Random(seed).NextBytes(pixels);
        return new RgbImage(width, height, pixels);
    }

    private static RgbImage CopyRegion(RgbImage image, PixelRegion r)
    {
        var pixels = new byte[r.Width * r.Height * 3];
        for (int y = 0; y < r.Height; y++)
            image.Pixels.AsSpan(((r.Top + y) * image.Width + r.Left) * 3, r.Width * 3).CopyTo(pixels.AsSpan(y * r.Width * 3));
        return new RgbImage(r.Width, r.Height, pixels);
    }

    [Fact]
    public void Same_size_is_an_exact_copy()
    {
        var image = Noise(13, 9, 1);
        Assert.Equal(image.Pixels, PilBicubicResampler.Resize(image, 13, 9).Pixels);
    }

    [Theory]
    [InlineData(7, 5)]
    [InlineData(224, 224)]
    [InlineData(301, 17)]
    [InlineData(1, 1)]
    public void A_flat_colour_stays_exactly_flat(int width, int height)
    {
        var pixels = new byte[50 * 40 * 3];
        for (int i = 0; i < pixels.Length; i += 3)
        {
            pixels[i] = 255;
            pixels[i + 1] = 3;
            pixels[i + 2] = 128;
        }
        var resized = PilBicubicResampler.Resize(new RgbImage(50, 40, pixels), width, height);
        for (int i = 0; i < resized.Pixels.Length; i += 3)
            Assert.Equal([255, 3, 128], resized.Pixels[i..(i + 3)]);
    }

    [Theory]
    [InlineData(0, 0, 60, 45, 20, 20)]
    [InlineData(5, 7, 31, 22, 64, 48)]
    [InlineData(59, 44, 1, 1, 3, 2)]
    [InlineData(10, 0, 40, 45, 40, 9)]  // width unchanged: vertical pass only
    [InlineData(0, 3, 17, 30, 50, 30)]  // height unchanged: horizontal pass only
    [InlineData(29, 11, 31, 34, 31, 34)] // crop only
    public void Resizing_a_region_equals_resizing_the_cropped_copy(int left, int top, int w, int h, int outW, int outH)
    {
        var image = Noise(60, 45, 2);
        var region = new PixelRegion(left, top, w, h);
        var expected = PilBicubicResampler.Resize(CopyRegion(image, region), outW, outH);
        var actual = PilBicubicResampler.Resize(image, region, outW, outH);
        Assert.Equal(expected.Pixels, actual.Pixels);
    }

    [Fact]
    public void Region_outside_the_image_is_rejected()
    {
        var image = Noise(10, 10, 3);
        Assert.Throws<ArgumentOutOfRangeException>(() => PilBicubicResampler.Resize(image, new PixelRegion(5, 0, 6, 10), 4, 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => PilBicubicResampler.Resize(image, 0, 4));
    }

    [Fact]
    public void Vectorised_passes_equal_a_plain_scalar_convolution_with_the_same_weights()
    {
        // Random images, crops and sizes (odd/even row counts, up- and downscaling, crops touching the buffer's end).
        var random = new Random(11);
        for (int i = 0; i < 60; i++)
        {
            int w = random.Next(1, 80), h = random.Next(1, 80);
            var image = Noise(w, h, i);
            int cw = random.Next(1, w + 1), ch = random.Next(1, h + 1);
            var region = i % 3 == 0
                ? new PixelRegion(w - cw, h - ch, cw, ch)
                : new PixelRegion(random.Next(0, w - cw + 1), random.Next(0, h - ch + 1), cw, ch);
            int outW = random.Next(1, 120), outH = random.Next(1, 120);
            var expected = ScalarReference(CopyRegion(image, region), outW, outH);
            Assert.Equal(expected, PilBicubicResampler.Resize(image, region, outW, outH).Pixels);
        }
    }

    /// <summary>Pillow's two passes written as plain loops: horizontal into 8 bits, then vertical; a pass is skipped when its size is unchanged.</summary>
    private static byte[] ScalarReference(RgbImage image, int outW, int outH)
    {
        byte[] pixels = image.Pixels;
        int w = image.Width, h = image.Height;
        if (outW != w)
        {
            var k = BicubicKernel.Create(w, outW);
            var next = new byte[outW * h * 3];
            for (int y = 0; y < h; y++)
                for (int x = 0; x < outW; x++)
                    for (int c = 0; c < 3; c++)
                    {
                        int s = 1 << (BicubicKernel.PrecisionBits - 1);
                        for (int t = 0; t < k.Count[x]; t++)
                            s += pixels[(y * w + k.First[x] + t) * 3 + c] * k.Weights[x * k.TapsPerOutput + t];
                        next[(y * outW + x) * 3 + c] = (byte)Math.Clamp(s >> BicubicKernel.PrecisionBits, 0, 255);
                    }
            pixels = next;
            w = outW;
        }
        if (outH != h)
        {
            var k = BicubicKernel.Create(h, outH);
            var next = new byte[w * outH * 3];
            for (int y = 0; y < outH; y++)
                for (int i = 0; i < w * 3; i++)
                {
                    int s = 1 << (BicubicKernel.PrecisionBits - 1);
                    for (int t = 0; t < k.Count[y]; t++)
                        s += pixels[(k.First[y] + t) * w * 3 + i] * k.Weights[y * k.TapsPerOutput + t];
                    next[y * w * 3 + i] = (byte)Math.Clamp(s >> BicubicKernel.PrecisionBits, 0, 255);
                }
            pixels = next;
        }
        return pixels;
    }
}
