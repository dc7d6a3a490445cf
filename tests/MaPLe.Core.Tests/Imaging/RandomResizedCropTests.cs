using MaPLe.Imaging;

namespace MaPLe.Tests.Imaging;

public sealed class RandomResizedCropTests
{
    [Theory]
    [InlineData(500, 375)]
    [InlineData(375, 500)]
    [InlineData(64, 64)]
    [InlineData(1000, 120)]
    public void Crops_lie_inside_the_image_with_area_and_ratio_in_range_unless_falling_back(int width, int height)
    {
        var random = new Random(42);
        for (int i = 0; i < 500; i++)
        {
            var crop = RandomResizedCrop.GetParams(width, height, (0.08, 1.0), (3.0 / 4, 4.0 / 3), random);
            Assert.True(crop.FitsIn(width, height), $"{crop} outside {width}x{height}");
            bool fallback = crop.Top == (height - crop.Height) / 2 && crop.Left == (width - crop.Width) / 2
                && (crop.Width == width || crop.Height == height);
            if (fallback) continue;
            // Sides are rounded, so allow one pixel of slack on each when checking area and ratio.
            double area = (double)width * height;
            Assert.InRange((crop.Width - 1.0) * (crop.Height - 1.0), 0, area * 1.0);
            Assert.InRange((crop.Width + 1.0) * (crop.Height + 1.0), area * 0.08, double.MaxValue);
            Assert.InRange((crop.Width - 1.0) / (crop.Height + 1.0), 0, 4.0 / 3);
            Assert.InRange((crop.Width + 1.0) / (crop.Height - 1.0 + 1e-9), 3.0 / 4, double.MaxValue);
        }
    }

    [Fact]
    public void Very_wide_image_with_no_fitting_try_falls_back_to_a_centred_crop_of_clamped_ratio()
    {
        // Area fraction >= 0.9 of a 1000x10 image cannot fit at ratio <= 4/3: fallback h = 10, w = round(10 * 4/3) = 13.
        var crop = RandomResizedCrop.GetParams(1000, 10, (0.9, 1.0), (3.0 / 4, 4.0 / 3), new Random(0));
        Assert.Equal(new PixelRegion((1000 - 13) / 2, 0, 13, 10), crop);
    }

    [Fact]
    public void Very_tall_image_falls_back_with_the_minimum_ratio()
    {
        // w = 10, h = round(10 / 0.75) = 13, top = (1000 - 13) // 2 = 493.
        var crop = RandomResizedCrop.GetParams(10, 1000, (0.9, 1.0), (3.0 / 4, 4.0 / 3), new Random(0));
        Assert.Equal(new PixelRegion(0, 493, 10, 13), crop);
    }

    [Fact]
    public void Whole_image_scale_and_its_own_ratio_gives_the_whole_image()
    {
        var crop = RandomResizedCrop.GetParams(40, 30, (1.0, 1.0), (4.0 / 3, 4.0 / 3), new Random(3));
        Assert.Equal(new PixelRegion(0, 0, 40, 30), crop);
    }

    [Fact]
    public void Same_seed_gives_the_same_sequence()
    {
        var a = new Random(77);
        var b = new Random(77);
        for (int i = 0; i < 50; i++)
            Assert.Equal(
                RandomResizedCrop.GetParams(320, 240, (0.08, 1.0), (0.75, 4.0 / 3), a),
                RandomResizedCrop.GetParams(320, 240, (0.08, 1.0), (0.75, 4.0 / 3), b));
    }
}
