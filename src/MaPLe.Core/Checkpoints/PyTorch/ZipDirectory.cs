using System.Buffers.Binary;
using System.Text;

namespace MaPLe.Checkpoints.PyTorch;

/// <summary>One entry of a zip archive: where its bytes lie in the file, checked to lie inside it.</summary>
internal sealed record ZipEntry(string Name, int Method, long CompressedSize, long Size, long DataOffset);

/// <summary>
/// Reads a zip archive's central directory (zip64 included) as torch writes it. Only locations are read; every entry is
/// checked to lie inside the file, and callers read stored (method 0) entries only, so no declared size is ever inflated.
/// </summary>
internal static class ZipDirectory
{
    private const uint EndSignature = 0x06054b50, End64Signature = 0x06064b50, Locator64Signature = 0x07064b50;
    private const uint CentralSignature = 0x02014b50, LocalSignature = 0x04034b50;
    private const int MaxEntries = 1_000_000;

    /// <summary>Whether the stream starts like a zip archive.</summary>
    public static bool LooksLikeZip(ReadOnlySpan<byte> head) => head.Length >= 4 && BinaryPrimitives.ReadUInt32LittleEndian(head) == LocalSignature;

    public static Dictionary<string, ZipEntry> Read(string path, FileStream file)
    {
        long length = file.Length;
        int tailLength = (int)Math.Min(length, 22 + 65535);
        var tail = ReadAt(path, file, length - tailLength, tailLength);
        int eocd = -1;
        for (int i = tail.Length - 22; i >= 0; i--)
            if (BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(i)) == EndSignature) { eocd = i; break; }
        if (eocd < 0)
            throw new PyTorchFormatException(path, "no zip end-of-central-directory record: the file is truncated or not a torch.save/torch.jit.save archive.");

        long count = BinaryPrimitives.ReadUInt16LittleEndian(tail.AsSpan(eocd + 10));
        long dirSize = BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(eocd + 12));
        long dirOffset = BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(eocd + 16));
        long eocdAt = length - tailLength + eocd;
        if (eocdAt >= 20 && BinaryPrimitives.ReadUInt32LittleEndian(ReadAt(path, file, eocdAt - 20, 4)) == Locator64Signature)
        {
            long end64 = BinaryPrimitives.ReadInt64LittleEndian(ReadAt(path, file, eocdAt - 12, 8));
            var rec = ReadAt(path, file, end64, 56);
            if (BinaryPrimitives.ReadUInt32LittleEndian(rec) != End64Signature)
                throw new PyTorchFormatException(path, "the zip64 end record is missing where its locator points.");
            count = BinaryPrimitives.ReadInt64LittleEndian(rec.AsSpan(32));
            dirSize = BinaryPrimitives.ReadInt64LittleEndian(rec.AsSpan(40));
            dirOffset = BinaryPrimitives.ReadInt64LittleEndian(rec.AsSpan(48));
        }
        if (count < 0 || count > MaxEntries || dirOffset < 0 || dirSize < 0 || dirSize > length || dirOffset > length - dirSize || count * 46 > dirSize)
            throw new PyTorchFormatException(path, $"the zip central directory ({count} entries, {dirSize} bytes at {dirOffset}) does not fit in the {length}-byte file: truncated or corrupt.");

        var dir = ReadAt(path, file, dirOffset, (int)dirSize);
        var entries = new Dictionary<string, ZipEntry>(StringComparer.Ordinal);
        int p = 0;
        for (long i = 0; i < count; i++)
        {
            if (p + 46 > dir.Length || BinaryPrimitives.ReadUInt32LittleEndian(dir.AsSpan(p)) != CentralSignature)
                throw new PyTorchFormatException(path, $"zip central directory entry {i} is corrupt.");
            int method = BinaryPrimitives.ReadUInt16LittleEndian(dir.AsSpan(p + 10));
            long compressed = BinaryPrimitives.ReadUInt32LittleEndian(dir.AsSpan(p + 20));
            long size = BinaryPrimitives.ReadUInt32LittleEndian(dir.AsSpan(p + 24));
            int nameLen = BinaryPrimitives.ReadUInt16LittleEndian(dir.AsSpan(p + 28));
            int extraLen = BinaryPrimitives.ReadUInt16LittleEndian(dir.AsSpan(p + 30));
            int commentLen = BinaryPrimitives.ReadUInt16LittleEndian(dir.AsSpan(p + 32));
            long local = BinaryPrimitives.ReadUInt32LittleEndian(dir.AsSpan(p + 42));
            if (p + 46 + nameLen + extraLen + commentLen > dir.Length)
                throw new PyTorchFormatException(path, $"zip central directory entry {i} runs past the directory.");
            string name = Encoding.UTF8.GetString(dir, p + 46, nameLen);
            ReadZip64Extra(dir.AsSpan(p + 46 + nameLen, extraLen), ref size, ref compressed, ref local);
            p += 46 + nameLen + extraLen + commentLen;
            entries[name] = Locate(path, file, name, method, compressed, size, local);
        }
        return entries;
    }

    private static void ReadZip64Extra(ReadOnlySpan<byte> extra, ref long size, ref long compressed, ref long local)
    {
        while (extra.Length >= 4)
        {
            int id = BinaryPrimitives.ReadUInt16LittleEndian(extra);
            int len = Math.Min(BinaryPrimitives.ReadUInt16LittleEndian(extra[2..]), extra.Length - 4);
            var data = extra.Slice(4, len);
            if (id == 1)
            {
                int q = 0;
                if (size == uint.MaxValue && q + 8 <= data.Length) { size = BinaryPrimitives.ReadInt64LittleEndian(data[q..]); q += 8; }
                if (compressed == uint.MaxValue && q + 8 <= data.Length) { compressed = BinaryPrimitives.ReadInt64LittleEndian(data[q..]); q += 8; }
                if (local == uint.MaxValue && q + 8 <= data.Length) local = BinaryPrimitives.ReadInt64LittleEndian(data[q..]);
            }
            extra = extra[(4 + len)..];
        }
    }

    private static ZipEntry Locate(string path, FileStream file, string name, int method, long compressed, long size, long local)
    {
        long length = file.Length;
        if (local < 0 || compressed < 0 || size < 0 || local > length - 30)
            throw new PyTorchFormatException(path, $"zip entry '{name}' has a local header outside the file: truncated or corrupt.");
        var header = ReadAt(path, file, local, 30);
        if (BinaryPrimitives.ReadUInt32LittleEndian(header) != LocalSignature)
            throw new PyTorchFormatException(path, $"zip entry '{name}' has no local header where the directory points.");
        long data = local + 30 + BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(26)) + BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(28));
        if (data > length || compressed > length - data)
            throw new PyTorchFormatException(path, $"zip entry '{name}' declares {compressed} bytes at offset {data}, past the end of the {length}-byte file: truncated or corrupt.");
        if (method == 0 && compressed != size)
            throw new PyTorchFormatException(path, $"zip entry '{name}' is stored but declares {compressed} stored and {size} real bytes.");
        return new ZipEntry(name, method, compressed, size, data);
    }

    public static byte[] ReadAt(string path, FileStream file, long offset, int count)
    {
        if (offset < 0 || count < 0 || offset > file.Length - count)
            throw new PyTorchFormatException(path, $"{count} bytes at offset {offset} lie outside the {file.Length}-byte file: truncated or corrupt.");
        var buffer = new byte[count];
        file.Position = offset;
        file.ReadExactly(buffer);
        return buffer;
    }
}
