using System.Runtime.InteropServices;
using static TorchSharp.torch;

namespace MaPLe.Imaging;

/// <summary>
/// torchvision's <c>ToTensor</c> + <c>Normalize</c>: 8-bit HWC pixels to float32 CHW planes computed as
/// <c>(v / 255 - mean) / std</c> in float32, the same operations in the same order, so values match bit for bit.
/// Only 256 values per channel exist, so they come from a lookup table.
/// </summary>
internal sealed class NormalizedPlanes
{
    private readonly float[] _table = new float[3 * 256];

    public NormalizedPlanes(IReadOnlyList<float> mean, IReadOnlyList<float> std)
    {
        for (int c = 0; c < 3; c++)
        {
            float m = mean[c], s = std[c];
            for (int v = 0; v < 256; v++)
                _table[c * 256 + v] = ((float)v / 255f - m) / s;
        }
    }

    /// <summary>Writes a side × side HWC image as three normalised planes, mirrored left-right when <paramref name="flip"/>.</summary>
    public void Write(ReadOnlySpan<byte> hwc, int side, bool flip, Span<float> chw)
    {
        int plane = side * side;
        if (hwc.Length < plane * 3) throw new ArgumentException($"Expected {plane * 3} pixel bytes, got {hwc.Length}.", nameof(hwc));
        if (chw.Length < plane * 3) throw new ArgumentException($"Destination needs {plane * 3} floats, got {chw.Length}.", nameof(chw));
        var table = _table.AsSpan();
        var r = chw[..plane];
        var g = chw.Slice(plane, plane);
        var b = chw.Slice(2 * plane, plane);
        var tr = table[..256];
        var tg = table.Slice(256, 256);
        var tb = table.Slice(512, 256);
        for (int y = 0; y < side; y++)
        {
            var row = hwc.Slice(y * side * 3, side * 3);
            int o = y * side;
            if (flip)
            {
                for (int x = 0, i = (side - 1) * 3; x < side; x++, i -= 3)
                {
                    r[o + x] = tr[row[i]];
                    g[o + x] = tg[row[i + 1]];
                    b[o + x] = tb[row[i + 2]];
                }
            }
            else
            {
                for (int x = 0, i = 0; x < side; x++, i += 3)
                {
                    r[o + x] = tr[row[i]];
                    g[o + x] = tg[row[i + 1]];
                    b[o + x] = tb[row[i + 2]];
                }
            }
        }
    }

    /// <summary>A new float32 [3, side, side] CPU tensor holding the normalised planes (the caller owns it).</summary>
    public static Tensor NewTensor(int side, Action<Span<float>> fill)
    {
        var tensor = empty([3, side, side], ScalarType.Float32);
        try
        {
            fill(MemoryMarshal.Cast<byte, float>(tensor.bytes));
            return tensor;
        }
        catch
        {
            tensor.Dispose();
            throw;
        }
    }
}
