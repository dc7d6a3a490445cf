namespace MaPLe.Imaging;

/// <summary>
/// torchvision's <c>RandomResizedCrop.get_params</c>: up to ten tries at a crop of random area (uniform in
/// <c>scale</c> × image area) and random aspect ratio (log-uniform in <c>ratio</c>) that fits the image, else a
/// centred crop with the ratio clamped into range. Random numbers come from the given <see cref="Random"/> in the same
/// order as torchvision draws them (area, ratio, then top, left), not from torch's generator.
/// </summary>
public static class RandomResizedCrop
{
    /// <summary>Number of random tries before the central fallback (torchvision's constant).</summary>
    public const int Attempts = 10;

    /// <summary>Picks the crop for an image of <paramref name="width"/> × <paramref name="height"/>.</summary>
    public static PixelRegion GetParams(int width, int height, (double Min, double Max) scale, (double Min, double Max) ratio, Random random)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentNullException.ThrowIfNull(random);
        double area = (double)width * height;
        double logMin = Math.Log(ratio.Min), logMax = Math.Log(ratio.Max);
        for (int attempt = 0; attempt < Attempts; attempt++)
        {
            double targetArea = area * Uniform(random, scale.Min, scale.Max);
            double aspect = Math.Exp(Uniform(random, logMin, logMax));
            // Python's round(): halves to even, which is also Math.Round's default.
            int w = (int)Math.Round(Math.Sqrt(targetArea * aspect));
            int h = (int)Math.Round(Math.Sqrt(targetArea / aspect));
            if (w > 0 && w <= width && h > 0 && h <= height)
            {
                int top = random.Next(0, height - h + 1);
                int left = random.Next(0, width - w + 1);
                return new PixelRegion(left, top, w, h);
            }
        }

        double inRatio = (double)width / height;
        int cw, ch;
        if (inRatio < Math.Min(ratio.Min, ratio.Max))
        {
            cw = width;
            ch = Math.Max(1, (int)Math.Round(cw / Math.Min(ratio.Min, ratio.Max)));
        }
        else if (inRatio > Math.Max(ratio.Min, ratio.Max))
        {
            ch = height;
            cw = Math.Max(1, (int)Math.Round(ch * Math.Max(ratio.Min, ratio.Max)));
        }
        else
        {
            cw = width;
            ch = height;
        }
        // Python's // on non-negative ints.
        return new PixelRegion((width - cw) / 2, (height - ch) / 2, cw, ch);
    }

    private static double Uniform(Random random, double min, double max) => min + (max - min) * random.NextDouble();
}
