using System.Buffers.Binary;
using System.Text;

namespace MaPLe.Checkpoints.PyTorch;

/// <summary>
/// Writes a zip archive the way torch.save does: every entry stored (uncompressed) with its CRC-32, each entry's data
/// starting at a 64-byte-aligned offset (padding in the local header's extra field, as PyTorch's writer does).
/// </summary>
internal sealed class TorchZipWriter
{
    private const int Alignment = 64;
    private const ushort PaddingExtraId = 0x4246;   // "FB", PyTorch's padding record
    private readonly Stream _out;
    private readonly List<(byte[] Name, uint Crc, long Size, long Offset)> _entries = [];

    public TorchZipWriter(Stream output) => _out = output;

    public void Add(string name, ReadOnlySpan<byte> data)
    {
        var nameBytes = Encoding.UTF8.GetBytes(name);
        long offset = _out.Position;
        int pad = (int)((Alignment - (offset + 30 + nameBytes.Length + 4) % Alignment) % Alignment);
        // Every offset the headers store is 32-bit (0xFFFFFFFF means "see zip64"), so the whole entry must end below it.
        if (offset + 30 + nameBytes.Length + 4 + pad + (long)data.Length >= uint.MaxValue)
            throw new NotSupportedException("Archives over 4 GiB (zip64) are not written by this library; prompt checkpoints are far smaller.");
        uint crc = Crc32.Compute(data);
        Span<byte> h = stackalloc byte[30];
        BinaryPrimitives.WriteUInt32LittleEndian(h, 0x04034b50);
        BinaryPrimitives.WriteUInt16LittleEndian(h[4..], 20);          // version needed
        BinaryPrimitives.WriteUInt32LittleEndian(h[14..], crc);
        BinaryPrimitives.WriteUInt32LittleEndian(h[18..], (uint)data.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(h[22..], (uint)data.Length);
        BinaryPrimitives.WriteUInt16LittleEndian(h[26..], (ushort)nameBytes.Length);
        BinaryPrimitives.WriteUInt16LittleEndian(h[28..], (ushort)(4 + pad));
        _out.Write(h);
        _out.Write(nameBytes);
        Span<byte> extra = stackalloc byte[4];
        BinaryPrimitives.WriteUInt16LittleEndian(extra, PaddingExtraId);
        BinaryPrimitives.WriteUInt16LittleEndian(extra[2..], (ushort)pad);
        _out.Write(extra);
        _out.Write(new byte[pad]);
        _out.Write(data);
        _entries.Add((nameBytes, crc, data.Length, offset));
    }

    public void Finish()
    {
        long start = _out.Position;
        Span<byte> c = stackalloc byte[46];
        foreach (var (name, crc, size, offset) in _entries)
        {
            c.Clear();
            BinaryPrimitives.WriteUInt32LittleEndian(c, 0x02014b50);
            BinaryPrimitives.WriteUInt16LittleEndian(c[4..], 20);
            BinaryPrimitives.WriteUInt16LittleEndian(c[6..], 20);
            BinaryPrimitives.WriteUInt32LittleEndian(c[16..], crc);
            BinaryPrimitives.WriteUInt32LittleEndian(c[20..], (uint)size);
            BinaryPrimitives.WriteUInt32LittleEndian(c[24..], (uint)size);
            BinaryPrimitives.WriteUInt16LittleEndian(c[28..], (ushort)name.Length);
            BinaryPrimitives.WriteUInt32LittleEndian(c[42..], (uint)offset);
            _out.Write(c);
            _out.Write(name);
        }
        long size2 = _out.Position - start;
        Span<byte> e = stackalloc byte[22];
        e.Clear();
        BinaryPrimitives.WriteUInt32LittleEndian(e, 0x06054b50);
        BinaryPrimitives.WriteUInt16LittleEndian(e[8..], (ushort)_entries.Count);
        BinaryPrimitives.WriteUInt16LittleEndian(e[10..], (ushort)_entries.Count);
        BinaryPrimitives.WriteUInt32LittleEndian(e[12..], (uint)size2);
        BinaryPrimitives.WriteUInt32LittleEndian(e[16..], (uint)start);
        _out.Write(e);
    }
}

/// <summary>CRC-32 (IEEE 802.3, as zip uses it).</summary>
internal static class Crc32
{
    private static readonly uint[] Table = Enumerable.Range(0, 256).Select(n =>
    {
        uint c = (uint)n;
        for (int k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        return c;
    }).ToArray();

    public static uint Compute(ReadOnlySpan<byte> data)
    {
        uint crc = 0xFFFFFFFFu;
        foreach (byte b in data) crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        return crc ^ 0xFFFFFFFFu;
    }
}
