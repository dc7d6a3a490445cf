namespace MaPLe.Imaging;

/// <summary>
/// The fixed-point bicubic weights of one axis, computed exactly as Pillow's <c>precompute_coeffs</c> followed by
/// <c>normalize_coeffs_8bpc</c>: same support widening when downsampling, same window rounding, same normalisation, same
/// double-to-fixed rounding. Any deviation here shows up as ±1 pixel differences against PIL.
/// </summary>
internal sealed class BicubicKernel
{
    /// <summary>Fractional bits of the fixed-point weights (Pillow's <c>PRECISION_BITS</c>: 32 - 8 - 2).</summary>
    public const int PrecisionBits = 32 - 8 - 2;

    /// <summary>Pillow's <c>BICUBIC</c> filter support.</summary>
    private const double Support = 2.0;

    private BicubicKernel(int outSize, int tapsPerOutput, int[] first, int[] count, int[] weights)
    {
        OutSize = outSize;
        TapsPerOutput = tapsPerOutput;
        First = first;
        Count = count;
        Weights = weights;
    }

    /// <summary>Number of output samples.</summary>
    public int OutSize { get; }

    /// <summary>Stride of <see cref="Weights"/> per output sample (Pillow's <c>ksize</c>).</summary>
    public int TapsPerOutput { get; }

    /// <summary>First input sample used by each output sample.</summary>
    public int[] First { get; }

    /// <summary>Number of input samples used by each output sample.</summary>
    public int[] Count { get; }

    /// <summary>Weights, <see cref="TapsPerOutput"/> per output sample, scaled by 2^<see cref="PrecisionBits"/>.</summary>
    public int[] Weights { get; }

    /// <summary>Weights for resampling <paramref name="inSize"/> samples to <paramref name="outSize"/> (box = whole input).</summary>
    public static BicubicKernel Create(int inSize, int outSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outSize);

        // Pillow passes the box edges as C floats; for a (0, inSize) box they are exact.
        double scale = (double)(float)inSize / outSize;
        double filterScale = scale < 1.0 ? 1.0 : scale;
        double support = Support * filterScale;
        int ksize = (int)Math.Ceiling(support) * 2 + 1;

        var first = new int[outSize];
        var count = new int[outSize];
        var weights = new int[outSize * ksize];
        Span<double> k = stackalloc double[ksize];
        double ss = 1.0 / filterScale;
        for (int xx = 0; xx < outSize; xx++)
        {
            double center = (xx + 0.5) * scale;
            int xmin = (int)(center - support + 0.5);
            if (xmin < 0) xmin = 0;
            int xmax = (int)(center + support + 0.5);
            if (xmax > inSize) xmax = inSize;
            xmax -= xmin;

            double ww = 0.0;
            for (int x = 0; x < xmax; x++)
            {
                double w = Filter((x + xmin - center + 0.5) * ss);
                k[x] = w;
                ww += w;
            }
            for (int x = 0; x < xmax; x++)
            {
                double w = ww != 0.0 ? k[x] / ww : k[x];
                weights[xx * ksize + x] = w < 0
                    ? (int)(-0.5 + w * (1 << PrecisionBits))
                    : (int)(0.5 + w * (1 << PrecisionBits));
            }
            first[xx] = xmin;
            count[xx] = xmax;
        }
        return new BicubicKernel(outSize, ksize, first, count, weights);
    }

    /// <summary>Keys' cubic convolution with a = -0.5, written in Pillow's operation order.</summary>
    private static double Filter(double x)
    {
        const double a = -0.5;
        if (x < 0.0) x = -x;
        if (x < 1.0) return ((a + 2.0) * x - (a + 3.0)) * x * x + 1;
        if (x < 2.0) return (((x - 5) * x + 8) * x - 4) * a;
        return 0.0;
    }
}
