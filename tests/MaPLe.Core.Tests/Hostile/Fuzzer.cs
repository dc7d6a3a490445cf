using System.Text;

namespace MaPLe.Tests.Hostile;

/// <summary>
/// Seeded mutations of a valid file (byte flips, truncation, insertion, hostile numbers, spliced copies), each handed to
/// a reader: only the reader's documented exception types may escape, and no single read may allocate without bound.
/// </summary>
internal static class Fuzzer
{
    private static readonly string[] HostileNumbers =
        ["4611686018427387904", "-1", "99999999999999999999999", "1e308", "-0", "0.5", "2147483648", "\"7\"", "null", "[]", "{}"];

    /// <summary>Most bytes one read may allocate (managed), far above what any valid test file needs.</summary>
    public const long MaxAllocatedBytesPerRead = 256L * 1024 * 1024;

    /// <summary>Runs <paramref name="count"/> mutations of <paramref name="valid"/>; returns a description of each failure.</summary>
    /// <param name="valid">A valid file.</param>
    /// <param name="extension">The file name's extension (some readers choose the format by it).</param>
    /// <param name="read">Reads the file at the given path.</param>
    /// <param name="allowed">Whether an exception is one the reader documents.</param>
    /// <param name="count">Mutations.</param>
    /// <param name="seed">Seed of the mutations.</param>
    /// <param name="region">Where mutations land: the first <c>region</c> bytes (e.g. a header), or the whole file when null.</param>
    /// <param name="wrap">Turns the mutated bytes into the file (e.g. a mutated header into a safetensors file with its length); none by default.</param>
    public static List<string> Run(byte[] valid, string extension, Action<string> read, Func<Exception, bool> allowed, int count, int seed,
        int? region = null, Func<byte[], byte[]>? wrap = null)
    {
        var random = new Random(seed);
        var failures = new List<string>();
        string dir = Path.Combine(Path.GetTempPath(), "maple-fuzz-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            for (int i = 0; i < count; i++)
            {
                var (mutated, how) = Mutate(valid, random, region ?? valid.Length);
                string path = Path.Combine(dir, $"case{i}{extension}");
                File.WriteAllBytes(path, wrap is null ? mutated : wrap(mutated));
                long before = GC.GetAllocatedBytesForCurrentThread();
                try
                {
                    read(path);
                }
                catch (Exception e) when (allowed(e))
                {
                    // documented: fine
                }
                catch (Exception e)
                {
                    failures.Add($"#{i} ({how}): {e.GetType().Name}: {e.Message}");
                }
                long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
                if (allocated > MaxAllocatedBytesPerRead)
                    failures.Add($"#{i} ({how}): allocated {allocated:N0} bytes");
                File.Delete(path);
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
        return failures;
    }

    private static (byte[] Bytes, string How) Mutate(byte[] valid, Random random, int region)
    {
        var bytes = valid.ToList();
        int at = random.Next(Math.Max(1, Math.Min(region, bytes.Count)));
        switch (random.Next(6))
        {
            case 0:
                int flips = 1 + random.Next(8);
                for (int k = 0; k < flips; k++)
                {
                    int p = random.Next(Math.Min(region, bytes.Count));
                    bytes[p] ^= (byte)(1 << random.Next(8));
                }
                return ([.. bytes], $"{flips} bit flips");
            case 1:
                return ([.. bytes.Take(at)], $"truncated at {at}");
            case 2:
                var junk = new byte[1 + random.Next(16)];
                random.NextBytes(junk);
                bytes.InsertRange(at, junk);
                return ([.. bytes], $"{junk.Length} random bytes inserted at {at}");
            case 3:
                return HostileNumber(bytes, random, region);
            case 4:
                int len = 1 + random.Next(Math.Max(1, Math.Min(64, bytes.Count - at)));
                var copy = bytes.Skip(at).Take(len).ToList();
                bytes.InsertRange(random.Next(Math.Min(region, bytes.Count)), copy);
                return ([.. bytes], $"{len} bytes from {at} spliced");
            default:
                int p2 = random.Next(Math.Min(region, bytes.Count));
                bytes[p2] = (byte)random.Next(256);
                return ([.. bytes], $"byte {p2} replaced");
        }
    }

    // Replaces a run of ASCII digits (a shape, an offset, an option) with a number chosen to overflow or mislead.
    private static (byte[] Bytes, string How) HostileNumber(List<byte> bytes, Random random, int region)
    {
        var digits = new List<int>();
        for (int i = 0; i < Math.Min(region, bytes.Count); i++)
            if (bytes[i] is >= (byte)'0' and <= (byte)'9' && (i == 0 || bytes[i - 1] is < (byte)'0' or > (byte)'9'))
                digits.Add(i);
        if (digits.Count == 0)
            return ([.. bytes], "unchanged");
        int start = digits[random.Next(digits.Count)];
        int end = start;
        while (end < bytes.Count && bytes[end] is >= (byte)'0' and <= (byte)'9') end++;
        string number = HostileNumbers[random.Next(HostileNumbers.Length)];
        bytes.RemoveRange(start, end - start);
        bytes.InsertRange(start, Encoding.ASCII.GetBytes(number));
        return ([.. bytes], $"number at {start} → {number}");
    }
}
