using System.Buffers.Binary;
using System.Text;
using MaPLe.Checkpoints;
using static TorchSharp.torch;

namespace MaPLe.Tests.Hostile;

/// <summary>Hand-made hostile inputs: safetensors with a chosen header, PNG headers declaring any size, FIFOs.</summary>
internal static class HostileFiles
{
    /// <summary>A safetensors file: 8-byte length, the header bytes as given, then the data.</summary>
    public static byte[] SafeTensors(byte[] header, byte[]? data = null) =>
        [.. BitConverter.GetBytes((ulong)header.Length), .. header, .. data ?? []];

    /// <summary>A safetensors file with a JSON header.</summary>
    public static byte[] SafeTensors(string headerJson, byte[]? data = null) => SafeTensors(Encoding.UTF8.GetBytes(headerJson), data);

    /// <summary>A tiny PNG whose header declares <paramref name="width"/>×<paramref name="height"/> (its data is a stub).</summary>
    public static byte[] PngHeader(int width, int height)
    {
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 8;   // bit depth
        ihdr[9] = 2;   // RGB
        using var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        Chunk(png, "IHDR", ihdr);
        Chunk(png, "IDAT", [0x78, 0x9C, 0x63, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01]);
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void Chunk(Stream s, string type, byte[] data)
    {
        Span<byte> len = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(len, data.Length);
        s.Write(len);
        var typed = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        s.Write(typed);
        BinaryPrimitives.WriteUInt32BigEndian(len, Crc32(typed));
        s.Write(len);
    }

    // PNG's CRC-32 (ISO 3309), bit by bit: a few bytes per test.
    private static uint Crc32(byte[] bytes)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in bytes)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++)
                crc = (crc & 1) != 0 ? 0xEDB88320 ^ (crc >> 1) : crc >> 1;
        }
        return ~crc;
    }

    /// <summary>Creates a FIFO (named pipe) at <paramref name="path"/>; false where the platform has none.</summary>
    public static bool TryMakeFifo(string path)
    {
        if (OperatingSystem.IsWindows()) return false;
        return mkfifo(path, Convert.ToUInt32("644", 8)) == 0;
    }

    [System.Runtime.InteropServices.DllImport("libc", SetLastError = true)]
    private static extern int mkfifo([System.Runtime.InteropServices.MarshalAs(System.Runtime.InteropServices.UnmanagedType.LPUTF8Str)] string path, uint mode);

    /// <summary>Replaces one metadata value of a safetensors file, keeping its tensors.</summary>
    internal static void Rewrite(string path, string key, string value)
    {
        using var scope = NewDisposeScope();
        Dictionary<string, Tensor> state;
        Dictionary<string, string> metadata;
        using (var file = SafeTensorsFile.Open(path))
        {
            state = file.ReadAll();
            metadata = file.Metadata.ToDictionary();
        }
        metadata[key] = value;
        MaPLe.Checkpoints.SafeTensors.Save(path, state, metadata);
    }
}
