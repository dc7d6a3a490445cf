using MaPLe.Checkpoints.PyTorch;
using MaPLe.Tests.TestSupport;
using static TorchSharp.torch;

namespace MaPLe.Tests.Checkpoints.PyTorch;

/// <summary>
/// Mutates the set's smaller PyTorch archives (truncation, flipped bytes, corrupted size fields, zeroed ranges), biased
/// towards the pickle and the zip directory where a reader makes decisions: every failure must be the reader's own
/// <see cref="PyTorchFormatException"/>, never a crash, another exception type or a runaway allocation.
/// </summary>
[Trait("Category", "Parity")]
public sealed class PyTorchFuzzTests
{
    private const int Mutations = 1200;
    private const long SeedSizeLimit = 256 * 1024;

    [Fact]
    public void MutatedArchivesFailOnlyWithTheReadersException()
    {
        var seeds = PyTorchFixtures.ValidArchives().Where(f => new FileInfo(f).Length <= SeedSizeLimit).ToList();
        if (seeds.Count == 0) return;   // a set without small archives has nothing to mutate
        var originals = seeds.Select(File.ReadAllBytes).ToList();
        var hotspots = seeds.Select(Hotspots).ToList();
        var random = new Random(20240613);
        using var temp = new TempDir();
        int refused = 0, loaded = 0;
        for (int i = 0; i < Mutations; i++)
        {
            int s = i % seeds.Count;
            var bytes = Mutate(originals[s], hotspots[s], random, out string how);
            var path = temp.File($"mutant-{i}.pt");
            File.WriteAllBytes(path, bytes);
            long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
            try
            {
                using var scope = NewDisposeScope();
                PyTorchFile.LoadStateDict(path);
                DasslCheckpoint.Describe(path);
                loaded++;
            }
            catch (PyTorchFormatException e)
            {
                Assert.Contains(path, e.Message, StringComparison.Ordinal);
                refused++;
            }
            catch (Exception e)
            {
                Assert.Fail($"{Path.GetFileName(seeds[s])} mutated ({how}) threw {e.GetType().Name}: {e.Message}");
            }
            long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
            Assert.True(allocated < 8_000_000 + 16L * bytes.Length, $"{Path.GetFileName(seeds[s])} mutated ({how}): {allocated} bytes allocated");
            File.Delete(path);
        }
        Assert.True(refused > Mutations / 10, $"only {refused} of {Mutations} mutants were refused ({loaded} loaded): the mutations miss the structure");
    }

    // Byte ranges where the reader decides things: the pickle, the zip local headers and central directory.
    private static (int Start, int Length)[] Hotspots(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var spots = new List<(int, int)> { (0, Math.Min(bytes.Length, 4096)), (Math.Max(0, bytes.Length - 4096), Math.Min(bytes.Length, 4096)) };
        try
        {
            using var f = File.OpenRead(path);
            if (ZipDirectory.LooksLikeZip(bytes))
                foreach (var e in ZipDirectory.Read(path, f).Values.Where(e => e.Name.EndsWith(".pkl", StringComparison.Ordinal)))
                    spots.Add(((int)e.DataOffset, (int)e.Size));
        }
        catch (PyTorchFormatException) { }
        return spots.ToArray();
    }

    private static byte[] Mutate(byte[] original, (int Start, int Length)[] spots, Random random, out string how)
    {
        int Position()
        {
            if (random.Next(4) == 0) return random.Next(original.Length);
            var (start, length) = spots[random.Next(spots.Length)];
            return start + random.Next(Math.Max(1, length));
        }
        var bytes = (byte[])original.Clone();
        switch (random.Next(4))
        {
            case 0:
                int cut = random.Next(original.Length);
                how = $"truncated at {cut}";
                return bytes[..cut];
            case 1:
                int flips = 1 + random.Next(8);
                how = $"{flips} bytes flipped";
                for (int k = 0; k < flips; k++) { int p = Position(); if (p < bytes.Length) bytes[p] ^= (byte)(1 + random.Next(255)); }
                return bytes;
            case 2:
                int at = Position();
                long value = random.Next(3) switch { 0 => -1, 1 => long.MaxValue, _ => 1L << random.Next(20, 62) };
                how = $"size field at {at} set to {value}";
                var v = BitConverter.GetBytes(value);
                for (int k = 0; k < (random.Next(2) == 0 ? 4 : 8) && at + k < bytes.Length; k++) bytes[at + k] = v[k];
                return bytes;
            default:
                int from = Position(), len = 1 + random.Next(64);
                how = $"zeroed {len} bytes at {from}";
                for (int k = from; k < Math.Min(bytes.Length, from + len); k++) bytes[k] = 0;
                return bytes;
        }
    }
}
