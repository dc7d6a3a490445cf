using System.Buffers.Binary;
using System.Text;

namespace MaPLe.Runtime;

/// <summary>
/// Reads and edits the version-need table (<c>.gnu.version_r</c>) of a 64-bit little-endian ELF shared library: which
/// symbol versions (<c>GLIBCXX_3.4.32</c>, ...) it requires of which library, and the weak flag that lets the dynamic
/// loader accept a missing one.
/// </summary>
internal static class ElfVersionNeeds
{
    private const uint ShtGnuVerneed = 0x6ffffffe;
    private const ushort VerFlgWeak = 0x2;

    /// <summary>
    /// A copy of <paramref name="elf"/> with the version needs named in <paramref name="versions"/> marked weak, and how
    /// many entries changed (0: nothing to do, e.g. already weak or not needed).
    /// </summary>
    /// <exception cref="InvalidDataException">Not a 64-bit little-endian ELF file, or its tables point outside it.</exception>
    public static (byte[] Patched, int Changed) MarkWeak(ReadOnlySpan<byte> elf, IReadOnlySet<string> versions)
    {
        var bytes = elf.ToArray();
        int changed = 0;
        foreach (var entry in Entries(bytes))
        {
            if (!versions.Contains(entry.Name) || (entry.Flags & VerFlgWeak) != 0) continue;
            BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(entry.FlagsOffset), (ushort)(entry.Flags | VerFlgWeak));
            changed++;
        }
        return (bytes, changed);
    }

    /// <summary>The version needs of <paramref name="elf"/>: name and whether each is weak.</summary>
    public static IReadOnlyList<(string Name, bool Weak)> Read(ReadOnlySpan<byte> elf) =>
        Entries(elf.ToArray()).Select(e => (e.Name, (e.Flags & VerFlgWeak) != 0)).ToList();

    private readonly record struct Entry(string Name, ushort Flags, int FlagsOffset);

    private static List<Entry> Entries(byte[] b)
    {
        if (b.Length < 64 || b[0] != 0x7f || b[1] != 'E' || b[2] != 'L' || b[3] != 'F' || b[4] != 2 || b[5] != 1)
            throw new InvalidDataException("not a 64-bit little-endian ELF file.");
        long shoff = checked((long)U64(b, 0x28));
        int shentsize = U16(b, 0x3A), shnum = U16(b, 0x3C);
        var result = new List<Entry>();
        for (int s = 0; s < shnum; s++)
        {
            int sh = Offset(b, shoff + (long)s * shentsize, 0x40);
            if (U32(b, sh + 4) != ShtGnuVerneed) continue;
            long section = checked((long)U64(b, sh + 0x18));
            int link = (int)U32(b, sh + 0x28), count = (int)U32(b, sh + 0x2C);
            int strSh = Offset(b, shoff + (long)link * shentsize, 0x40);
            long strings = checked((long)U64(b, strSh + 0x18));
            long vn = section;
            for (int i = 0; i < count; i++)
            {
                int need = Offset(b, vn, 16);
                int auxCount = U16(b, need + 2);
                long aux = vn + U32(b, need + 8);
                for (int j = 0; j < auxCount; j++)
                {
                    int a = Offset(b, aux, 16);
                    result.Add(new Entry(CString(b, strings + U32(b, a + 8)), U16(b, a + 4), a + 4));
                    uint next = U32(b, a + 12);
                    if (next == 0) break;
                    aux += next;
                }
                uint vnNext = U32(b, need + 12);
                if (vnNext == 0) break;
                vn += vnNext;
            }
        }
        return result;
    }

    private static int Offset(byte[] b, long offset, int size) =>
        offset >= 0 && offset + size <= b.Length ? (int)offset : throw new InvalidDataException($"ELF table entry at {offset} lies outside the file ({b.Length} bytes).");

    private static ushort U16(byte[] b, int at) => BinaryPrimitives.ReadUInt16LittleEndian(b.AsSpan(Offset(b, at, 2), 2));

    private static uint U32(byte[] b, int at) => BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(Offset(b, at, 4), 4));

    private static ulong U64(byte[] b, int at) => BinaryPrimitives.ReadUInt64LittleEndian(b.AsSpan(Offset(b, at, 8), 8));

    private static string CString(byte[] b, long offset)
    {
        int start = Offset(b, offset, 1);
        int end = Array.IndexOf(b, (byte)0, start);
        if (end < 0) throw new InvalidDataException($"ELF string at {offset} is not terminated.");
        return Encoding.ASCII.GetString(b, start, end - start);
    }
}
