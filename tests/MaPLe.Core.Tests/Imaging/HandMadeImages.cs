using System.IO.Compression;
using System.Text;

namespace MaPLe.Tests.Imaging;

/// <summary>
/// Tiny image files written byte by byte from the format specifications, so decoder tests do not depend on the
/// encoder of the library under test.
/// </summary>
internal static class HandMadeImages
{
    /// <summary>PNG colour types.</summary>
    public const byte Grey = 0, Rgb = 2, Palette = 3, GreyAlpha = 4, Rgba = 6;

    /// <summary>An 8-bit PNG; <paramref name="rows"/> holds each row's samples (no filter byte).</summary>
    public static byte[] Png(int width, int height, byte colourType, byte[][] rows, byte[]? palette = null, byte[]? transparency = null)
    {
        using var ms = new MemoryStream();
        ms.Write([137, 80, 78, 71, 13, 10, 26, 10]);
        var ihdr = new byte[13];
        WriteBigEndian(ihdr, 0, width);
        WriteBigEndian(ihdr, 4, height);
        ihdr[8] = 8;
        ihdr[9] = colourType;
        Chunk(ms, "IHDR", ihdr);
        if (palette is not null) Chunk(ms, "PLTE", palette);
        if (transparency is not null) Chunk(ms, "tRNS", transparency);
        using (var raw = new MemoryStream())
        {
            using (var z = new ZLibStream(raw, CompressionLevel.Optimal, leaveOpen: true))
                foreach (var row in rows)
                {
                    z.WriteByte(0); // filter: none
                    z.Write(row);
                }
            Chunk(ms, "IDAT", raw.ToArray());
        }
        Chunk(ms, "IEND", []);
        return ms.ToArray();
    }

    /// <summary>A bottom-up 24-bit BMP; <paramref name="rgb"/> is top-down RGB (the file stores BGR).</summary>
    public static byte[] Bmp24(int width, int height, byte[] rgb)
    {
        int rowSize = (width * 3 + 3) & ~3;
        var file = new byte[54 + rowSize * height];
        file[0] = (byte)'B';
        file[1] = (byte)'M';
        WriteLittleEndian(file, 2, file.Length);
        WriteLittleEndian(file, 10, 54);
        WriteLittleEndian(file, 14, 40);
        WriteLittleEndian(file, 18, width);
        WriteLittleEndian(file, 22, height);
        file[26] = 1;
        file[28] = 24;
        WriteLittleEndian(file, 34, rowSize * height);
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
            {
                int src = (y * width + x) * 3;
                int dst = 54 + (height - 1 - y) * rowSize + x * 3;
                file[dst] = rgb[src + 2];
                file[dst + 1] = rgb[src + 1];
                file[dst + 2] = rgb[src];
            }
        return file;
    }

    /// <summary>
    /// A 1×1 GIF with two frames: the first pixel is palette index 0 (red), the second index 1 (black).
    /// LZW data with minimum code size 2: clear (4), index, end (5), 3 bits each.
    /// </summary>
    public static byte[] TwoFrameGifRedThenBlack() =>
    [
        .. "GIF89a"u8, 1, 0, 1, 0, 0x80, 0, 0, // screen 1x1, global table of 2 entries
        255, 0, 0, 0, 0, 0,                    // red, black
        0x2C, 0, 0, 0, 0, 1, 0, 1, 0, 0, 2, 2, 0x44, 0x01, 0, // frame 1: index 0
        0x21, 0xF9, 4, 0, 10, 0, 0, 0,         // graphic control: 0.1 s delay
        0x2C, 0, 0, 0, 0, 1, 0, 1, 0, 0, 2, 2, 0x4C, 0x01, 0, // frame 2: index 1
        0x3B,
    ];

    private static void Chunk(Stream s, string type, byte[] data)
    {
        var header = new byte[8];
        WriteBigEndian(header, 0, data.Length);
        Encoding.ASCII.GetBytes(type, 0, 4, header, 4);
        s.Write(header);
        s.Write(data);
        var crcInput = new byte[4 + data.Length];
        Array.Copy(header, 4, crcInput, 0, 4);
        Array.Copy(data, 0, crcInput, 4, data.Length);
        var crc = new byte[4];
        WriteBigEndian(crc, 0, (int)Crc32(crcInput));
        s.Write(crc);
    }

    private static uint Crc32(byte[] data)
    {
        uint c = 0xFFFFFFFF;
        foreach (var b in data)
        {
            c ^= b;
            for (int k = 0; k < 8; k++)
                c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
        }
        return c ^ 0xFFFFFFFF;
    }

    private static void WriteBigEndian(byte[] b, int at, int v)
    {
        b[at] = (byte)(v >> 24);
        b[at + 1] = (byte)(v >> 16);
        b[at + 2] = (byte)(v >> 8);
        b[at + 3] = (byte)v;
    }

    private static void WriteLittleEndian(byte[] b, int at, int v)
    {
        b[at] = (byte)v;
        b[at + 1] = (byte)(v >> 8);
        b[at + 2] = (byte)(v >> 16);
        b[at + 3] = (byte)(v >> 24);
    }
}
