using System.Text.Json;
using System.Text.RegularExpressions;
using MaPLe.Checkpoints.PyTorch;
using MaPLe.Tests.TestSupport;
using static TorchSharp.torch;

namespace MaPLe.Tests.Checkpoints.PyTorch;

/// <summary>
/// Every file of the PyTorch set's <c>malicious/index.json</c> behaves as its entry says: the control file loads, every
/// other one is refused with <see cref="PyTorchFormatException"/> naming the file (and the global a code-execution file
/// names), with no side effect and no allocation beyond the file's size.
/// </summary>
[Trait("Category", "Parity")]
public sealed partial class MaliciousFileTests
{
    private const string Pwned = "/tmp/maple-pwned";

    public static TheoryData<string> Files() => PyTorchFixtures.MaliciousFiles();

    [Theory]
    [MemberData(nameof(Files))]
    public void BehavesAsItsIndexEntrySays(string file)
    {
        if (FixtureTheory.IsPlaceholder(file)) return;
        var dir = Path.Combine(PyTorchFixtures.Root, "malicious");
        var entry = Entry(dir, file);
        var path = Path.Combine(dir, file);
        var before = Directory.GetFileSystemEntries(dir).Order(StringComparer.Ordinal).ToList();
        bool pwnedBefore = File.Exists(Pwned);
        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();

        using var scope = NewDisposeScope();
        if (entry.Category == "control")
        {
            var state = PyTorchFile.LoadStateDict(path);
            var expected = ExpectedValues().Match(entry.Must);
            Assert.True(expected.Success, $"index.json: the control entry should say what it holds ('w = [...]'): {entry.Must}");
            var values = expected.Groups["v"].Value.Split(',').Select(v => float.Parse(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            Assert.Equal(values, state[expected.Groups["k"].Value].data<float>().ToArray());
        }
        else
        {
            var e = Assert.Throws<PyTorchFormatException>(() => PyTorchFile.LoadStateDict(path));
            Assert.Contains(path, e.Message, StringComparison.Ordinal);
            var global = NamedGlobal().Match(entry.Tries);
            if (entry.Category == "code-execution" && global.Success)
                Assert.Contains($"'{global.Groups["g"].Value}'", e.Message, StringComparison.Ordinal);
            var missing = NamedEntry().Match(entry.Must);
            if (missing.Success)
                Assert.Contains(missing.Groups["e"].Value, e.Message, StringComparison.Ordinal);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        Assert.True(allocated < 4_000_000 + 16 * new FileInfo(path).Length, $"{file}: {allocated} bytes allocated");
        Assert.Equal(before, Directory.GetFileSystemEntries(dir).Order(StringComparer.Ordinal).ToList());
        Assert.True(pwnedBefore || !File.Exists(Pwned), $"{file} created {Pwned}");
    }

    [Fact]
    public void DeeplyNestedPickleDoesNotOverflowTheStack()
    {
        const int depth = 2_000_000;
        var pickle = new List<byte> { 0x80, 0x02 };
        pickle.AddRange(Enumerable.Repeat((byte)']', depth));
        pickle.AddRange(Enumerable.Repeat((byte)'a', depth - 1));
        pickle.Add((byte)'.');
        using var ms = new MemoryStream(pickle.ToArray());
        var root = PickleReader.Load("nested.pkl", ms, ms.Length, _ => throw new InvalidOperationException());
        var e = Assert.Throws<PyTorchFormatException>(() => TorchObjects.NamedTensors("nested.pkl", root));
        Assert.Contains("nested.pkl", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CyclicPickleIsData()
    {
        // l = []; l.append(l): EMPTY_LIST, BINPUT 0, BINGET 0, APPEND, STOP
        byte[] pickle = [0x80, 0x02, (byte)']', (byte)'q', 0, (byte)'h', 0, (byte)'a', (byte)'.'];
        using var ms = new MemoryStream(pickle);
        var root = Assert.IsType<List<object?>>(PickleReader.Load("cycle.pkl", ms, ms.Length, _ => throw new InvalidOperationException()));
        Assert.Same(root, root[0]);
    }

    private sealed record IndexEntry(string File, string Category, string Tries, string Must);

    private static IndexEntry Entry(string dir, string file)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "index.json")));
        var e = doc.RootElement.EnumerateArray().Single(x => x.GetProperty("file").GetString() == file);
        return new IndexEntry(file, e.GetProperty("category").GetString()!, e.GetProperty("tries").GetString()!, e.GetProperty("must").GetString()!);
    }

    [GeneratedRegex(@"(?<k>\w+) = \[(?<v>[-0-9., ]+)\]")]
    private static partial Regex ExpectedValues();

    [GeneratedRegex(@"GLOBAL (?<g>[\w.]+)")]
    private static partial Regex NamedGlobal();

    [GeneratedRegex(@"\((?<e>\w+/data/\w+)\)")]
    private static partial Regex NamedEntry();
}
