namespace MaPLe.ToyWorld;

/// <summary>An 8-bit RGB colour value.</summary>
/// <param name="R">Red.</param>
/// <param name="G">Green.</param>
/// <param name="B">Blue.</param>
public readonly record struct ToyRgb(byte R, byte G, byte B)
{
    /// <summary>Euclidean distance to <paramref name="other"/> in RGB space (0 to about 441).</summary>
    public double DistanceTo(ToyRgb other)
    {
        int dr = R - other.R, dg = G - other.G, db = B - other.B;
        return Math.Sqrt(dr * dr + dg * dg + db * db);
    }

    /// <summary>Mixes this colour with <paramref name="other"/>: 0 gives this colour, 1 gives <paramref name="other"/>.</summary>
    public ToyRgb Blend(ToyRgb other, double amount) => new(
        (byte)Math.Round(R + (other.R - R) * amount),
        (byte)Math.Round(G + (other.G - G) * amount),
        (byte)Math.Round(B + (other.B - B) * amount));

    /// <inheritdoc/>
    public override string ToString() => $"#{R:X2}{G:X2}{B:X2}";
}
