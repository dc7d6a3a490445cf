using System.Buffers;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace MaPLe.Imaging;

/// <summary>
/// PIL's <c>Image.resize(size, Image.BICUBIC)</c> for RGB images, reproduced bit for bit: a separable two-pass convolution
/// (horizontal into an 8-bit intermediate, then vertical), 22-bit fixed-point weights, rounding and clipping to 8 bits
/// after each pass, and a pass skipped when its axis keeps its size. It is what torchvision's <c>Resize</c>,
/// <c>CenterCrop</c> and <c>RandomResizedCrop</c> call on PIL images, so CLIP tensors match the Python data path exactly.
/// </summary>
public static class PilBicubicResampler
{
    /// <summary>Rounding offset every accumulator starts from (half of one output step).</summary>
    private const int Half = 1 << (BicubicKernel.PrecisionBits - 1);

    /// <summary>Resizes the whole image to <paramref name="width"/> × <paramref name="height"/>.</summary>
    public static RgbImage Resize(RgbImage image, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(image);
        return Resize(image, PixelRegion.Whole(image.Width, image.Height), width, height);
    }

    /// <summary>
    /// Crops <paramref name="source"/> out of the image, then resizes the crop to <paramref name="width"/> ×
    /// <paramref name="height"/> (torchvision's <c>resized_crop</c> on a PIL image: the crop is its own image, so edge
    /// pixels are not borrowed from outside it).
    /// </summary>
    public static RgbImage Resize(RgbImage image, PixelRegion source, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        var pixels = new byte[checked(width * height * 3)];
        ResizeWindow(image, source, width, height, PixelRegion.Whole(width, height), pixels);
        return new RgbImage(width, height, pixels);
    }

    /// <summary>
    /// Computes only the <paramref name="window"/> of the resized crop (what a following center crop keeps) into
    /// <paramref name="destination"/> (window width × height × 3 bytes, HWC). Each output pixel depends only on its own
    /// position, so the window equals the same region of the full resize.
    /// </summary>
    internal static unsafe void ResizeWindow(RgbImage image, PixelRegion source, int outWidth, int outHeight, PixelRegion window, Span<byte> destination)
    {
        if (!source.FitsIn(image.Width, image.Height))
            throw new ArgumentOutOfRangeException(nameof(source), $"Region {source} is empty or outside the {image.Width}x{image.Height} image.");
        if (!window.FitsIn(outWidth, outHeight))
            throw new ArgumentOutOfRangeException(nameof(window), $"Window {window} is empty or outside the {outWidth}x{outHeight} output.");
        int rowBytes = window.Width * 3;
        if (destination.Length < rowBytes * window.Height)
            throw new ArgumentException($"Destination needs {rowBytes * window.Height} bytes, got {destination.Length}.", nameof(destination));

        bool needHorizontal = outWidth != source.Width;
        bool needVertical = outHeight != source.Height;
        var vertical = needVertical ? BicubicKernel.Create(source.Height, outHeight) : null;

        // Source rows (relative to the crop) that the window's output rows read.
        int rowFirst = window.Top, rowEnd = window.Top + window.Height;
        if (vertical is not null)
        {
            int last = window.Top + window.Height - 1;
            rowFirst = vertical.First[window.Top];
            rowEnd = vertical.First[last] + vertical.Count[last];
        }

        int imageStride = image.Width * 3;
        byte[]? temp = null;
        try
        {
            fixed (byte* src = image.Pixels)
            fixed (byte* dst = destination)
            {
                byte* cropOrigin = src + (long)source.Top * imageStride + source.Left * 3;
                // The intermediate image: row r (crop-relative) lives at interBase + (r - interRow0) * interStride,
                // starting at the window's first column.
                byte* interBase;
                int interStride, interRow0;
                if (needHorizontal)
                {
                    var horizontal = BicubicKernel.Create(source.Width, outWidth);
                    interStride = rowBytes;
                    interRow0 = rowFirst;
                    // +4: the vector store of the last pixel writes one byte past it.
                    temp = ArrayPool<byte>.Shared.Rent((rowEnd - rowFirst) * rowBytes + 4);
                    fixed (byte* t = temp)
                    {
                        bool lastRowIsBufferEnd = source.Top + rowEnd == image.Height;
                        HorizontalPass(cropOrigin, imageStride, rowFirst, rowEnd, lastRowIsBufferEnd, horizontal, window.Left, window.Width, t);
                        interBase = t;
                        if (needVertical)
                            VerticalPass(interBase, interStride, interRow0, vertical!, window.Top, window.Height, rowBytes, dst);
                        else
                            CopyRows(interBase + (window.Top - interRow0) * (long)interStride, interStride, rowBytes, window.Height, dst);
                    }
                }
                else
                {
                    interBase = cropOrigin + window.Left * 3;
                    interStride = imageStride;
                    interRow0 = 0;
                    if (needVertical)
                        VerticalPass(interBase, interStride, interRow0, vertical!, window.Top, window.Height, rowBytes, dst);
                    else
                        CopyRows(interBase + (long)window.Top * interStride, interStride, rowBytes, window.Height, dst);
                }
            }
        }
        finally
        {
            if (temp is not null) ArrayPool<byte>.Shared.Return(temp);
        }
    }

    private static unsafe void CopyRows(byte* from, int fromStride, int rowBytes, int rows, byte* to)
    {
        for (int r = 0; r < rows; r++)
            new ReadOnlySpan<byte>(from + (long)r * fromStride, rowBytes).CopyTo(new Span<byte>(to + (long)r * rowBytes, rowBytes));
    }

    /// <summary>Horizontal pass over crop rows [rowFirst, rowEnd), output columns [colFirst, colFirst + cols).</summary>
    private static unsafe void HorizontalPass(byte* crop, int stride, int rowFirst, int rowEnd, bool lastRowIsBufferEnd,
        BicubicKernel kernel, int colFirst, int cols, byte* output)
    {
        int outStride = cols * 3;
        // A 4-byte vector load of a row's last pixel reads one byte of the next row, which does not exist after the
        // image's final row: that row takes the scalar path.
        int vectorEnd = lastRowIsBufferEnd ? rowEnd - 1 : rowEnd;
        int r = rowFirst;
        if (Avx2.IsSupported)
            for (; r + 2 <= vectorEnd; r += 2)
                HorizontalRowPairAvx2(crop + (long)r * stride, stride, kernel, colFirst, cols, output + (long)(r - rowFirst) * outStride, outStride);
        for (; r < rowEnd; r++)
            HorizontalRow(crop + (long)r * stride, kernel, colFirst, cols, output + (long)(r - rowFirst) * outStride, vector: Sse41.IsSupported && r < vectorEnd);
    }

    /// <summary>Two rows at once: both share every weight, so one 8-lane multiply serves a pixel of each row.</summary>
    private static unsafe void HorizontalRowPairAvx2(byte* row0, int stride, BicubicKernel kernel, int colFirst, int cols, byte* out0, int outStride)
    {
        byte* row1 = row0 + stride;
        byte* out1 = out0 + outStride;
        int ksize = kernel.TapsPerOutput;
        fixed (int* weights = kernel.Weights)
        fixed (int* firsts = kernel.First)
        fixed (int* counts = kernel.Count)
        {
            for (int xo = 0; xo < cols; xo++)
            {
                int xx = colFirst + xo;
                int offset = firsts[xx] * 3;
                byte* p0 = row0 + offset;
                byte* p1 = row1 + offset;
                int n = counts[xx];
                int* k = weights + xx * ksize;
                var acc = Vector256.Create(Half);
                for (int t = 0; t < n; t++)
                {
                    var pair = Vector128.CreateScalarUnsafe(*(uint*)(p0 + t * 3)).WithElement(1, *(uint*)(p1 + t * 3));
                    acc += Avx2.ConvertToVector256Int32(pair.AsByte()) * Vector256.Create(k[t]);
                }
                acc = Avx2.ShiftRightArithmetic(acc, BicubicKernel.PrecisionBits);
                var words = Avx2.PackSignedSaturate(acc, acc);
                var bytes = Avx2.PackUnsignedSaturate(words, words);
                // Each store writes a 4th byte that the next pixel overwrites (the buffer has slack after the last),
                // except at the end of the first row, where that byte is the second row's first, already written.
                uint pixel0 = bytes.GetLower().AsUInt32().ToScalar();
                if (xo + 1 < cols)
                {
                    *(uint*)(out0 + xo * 3) = pixel0;
                }
                else
                {
                    *(ushort*)(out0 + xo * 3) = (ushort)pixel0;
                    out0[xo * 3 + 2] = (byte)(pixel0 >> 16);
                }
                *(uint*)(out1 + xo * 3) = bytes.GetUpper().AsUInt32().ToScalar();
            }
        }
    }

    private static unsafe void HorizontalRow(byte* inRow, BicubicKernel kernel, int colFirst, int cols, byte* outRow, bool vector)
    {
        int ksize = kernel.TapsPerOutput;
        fixed (int* weights = kernel.Weights)
        {
            for (int xo = 0; xo < cols; xo++)
            {
                int xx = colFirst + xo;
                byte* p = inRow + kernel.First[xx] * 3;
                int n = kernel.Count[xx];
                int* k = weights + xx * ksize;
                if (vector)
                {
                    var acc = Vector128.Create(Half);
                    for (int t = 0; t < n; t++)
                        acc += Sse41.ConvertToVector128Int32(p + t * 3) * Vector128.Create(k[t]);
                    acc = Sse2.ShiftRightArithmetic(acc, BicubicKernel.PrecisionBits);
                    var packed = Sse2.PackUnsignedSaturate(Sse2.PackSignedSaturate(acc, acc), default);
                    *(uint*)(outRow + xo * 3) = packed.AsUInt32().ToScalar();
                }
                else
                {
                    int s0 = Half, s1 = Half, s2 = Half;
                    for (int t = 0; t < n; t++)
                    {
                        byte* q = p + t * 3;
                        s0 += q[0] * k[t];
                        s1 += q[1] * k[t];
                        s2 += q[2] * k[t];
                    }
                    outRow[xo * 3] = Clip8(s0);
                    outRow[xo * 3 + 1] = Clip8(s1);
                    outRow[xo * 3 + 2] = Clip8(s2);
                }
            }
        }
    }

    /// <summary>Vertical pass for output rows [rowFirst, rowFirst + rows); each row is <paramref name="rowBytes"/> wide.</summary>
    private static unsafe void VerticalPass(byte* inter, int stride, int interRow0, BicubicKernel kernel, int rowFirst, int rows,
        int rowBytes, byte* output)
    {
        const int half = Half;
        fixed (int* weights = kernel.Weights)
        {
            int ksize = kernel.TapsPerOutput;
            for (int yo = 0; yo < rows; yo++)
            {
                int yy = rowFirst + yo;
                byte* top = inter + (long)(kernel.First[yy] - interRow0) * stride;
                int n = kernel.Count[yy];
                int* k = weights + yy * ksize;
                byte* outRow = output + (long)yo * rowBytes;
                int x = 0;
                if (Avx2.IsSupported)
                {
                    var order = Vector256.Create(0, 4, 1, 5, 2, 6, 3, 7);
                    for (; x + 32 <= rowBytes; x += 32)
                    {
                        var a0 = Vector256.Create(half);
                        var a1 = a0;
                        var a2 = a0;
                        var a3 = a0;
                        for (int t = 0; t < n; t++)
                        {
                            byte* p = top + (long)t * stride + x;
                            var w = Vector256.Create(k[t]);
                            a0 += Avx2.ConvertToVector256Int32(p) * w;
                            a1 += Avx2.ConvertToVector256Int32(p + 8) * w;
                            a2 += Avx2.ConvertToVector256Int32(p + 16) * w;
                            a3 += Avx2.ConvertToVector256Int32(p + 24) * w;
                        }
                        a0 = Avx2.ShiftRightArithmetic(a0, BicubicKernel.PrecisionBits);
                        a1 = Avx2.ShiftRightArithmetic(a1, BicubicKernel.PrecisionBits);
                        a2 = Avx2.ShiftRightArithmetic(a2, BicubicKernel.PrecisionBits);
                        a3 = Avx2.ShiftRightArithmetic(a3, BicubicKernel.PrecisionBits);
                        // Saturating packs clamp to [0, 255] like Pillow's clip8, but interleave 128-bit lanes: reorder.
                        var bytes = Avx2.PackUnsignedSaturate(Avx2.PackSignedSaturate(a0, a1), Avx2.PackSignedSaturate(a2, a3));
                        Avx2.PermuteVar8x32(bytes.AsInt32(), order).AsByte().Store(outRow + x);
                    }
                }
                for (; x < rowBytes; x++)
                {
                    int s = half;
                    for (int t = 0; t < n; t++)
                        s += top[(long)t * stride + x] * k[t];
                    outRow[x] = Clip8(s);
                }
            }
        }
    }

    private static byte Clip8(int accumulator)
    {
        int v = accumulator >> BicubicKernel.PrecisionBits;
        return (byte)(v < 0 ? 0 : v > 255 ? 255 : v);
    }
}
