using System.Text.Json;
using MaPLe.Data;

namespace MaPLe.Tests.Data;

/// <summary>
/// The ordered train/val/test and few-shot lists equal what the official dataset code gives, on the first run (which
/// creates the split and draws the shots from the same Python <c>random</c> stream), on a later run (split file and
/// few-shot cache read back) and on a run that reads the split but samples again. Expectations come from
/// <c>UpstreamLists/upstream-lists.json</c>, written by <c>make_upstream_lists.py</c> with CPython's <c>random</c>.
/// </summary>
public class UpstreamListsTests
{
    private static readonly Lazy<JsonElement> Lists = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Data", "UpstreamLists", "upstream-lists.json"))).RootElement);

    public static TheoryData<string, int, int> Cases()
    {
        var data = new TheoryData<string, int, int>();
        foreach (var dataset in Lists.Value.GetProperty("datasets").EnumerateArray())
            foreach (var c in dataset.GetProperty("cases").EnumerateArray())
                data.Add(dataset.GetProperty("name").GetString()!, c.GetProperty("seed").GetInt32(), c.GetProperty("shots").GetInt32());
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void FirstRun_LaterRun_AndResampledRun_EqualUpstream(string name, int seed, int shots)
    {
        var dataset = Lists.Value.GetProperty("datasets").EnumerateArray().Single(d => d.GetProperty("name").GetString() == name);
        var expected = dataset.GetProperty("cases").EnumerateArray()
            .Single(c => c.GetProperty("seed").GetInt32() == seed && c.GetProperty("shots").GetInt32() == shots);
        using var root = new TempDir();
        int id = 0;
        foreach (var image in dataset.GetProperty("images").EnumerateArray())
        {
            var path = root.Combine(image.GetString()!.Split('/'));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            TestImages.Write(path, ++id);
        }
        foreach (var text in dataset.GetProperty("texts").EnumerateObject())
            root.WriteText(text.Name, text.Value.GetString()!);
        var options = new DatasetOptions { NumShots = shots, Seed = seed };

        var first = Datasets.Open(name, root.Path, options);
        var split = Datasets.Open(name, root.Path, options with { NumShots = -1 });
        AssertPaths(expected.GetProperty("split").GetProperty("train"), split.Train, root, "split train");
        AssertPaths(expected.GetProperty("split").GetProperty("val"), split.Val, root, "split val");
        AssertPaths(expected.GetProperty("split").GetProperty("test"), split.Test, root, "split test");
        AssertPaths(expected.GetProperty("first").GetProperty("train"), first.Train, root, "first run train");
        AssertPaths(expected.GetProperty("first").GetProperty("val"), first.Val, root, "first run val");

        var later = Datasets.Open(name, root.Path, options);
        AssertPaths(expected.GetProperty("first").GetProperty("train"), later.Train, root, "later run (cache) train");
        AssertPaths(expected.GetProperty("first").GetProperty("val"), later.Val, root, "later run (cache) val");

        var uncached = Datasets.Open(name, root.Path, options with { CacheFewShot = false });
        AssertPaths(expected.GetProperty("later").GetProperty("train"), uncached.Train, root, "split read, shots drawn again: train");
        AssertPaths(expected.GetProperty("later").GetProperty("val"), uncached.Val, root, "split read, shots drawn again: val");
    }

    [Fact]
    public void SeparateSplitSeed_DrawsShotsFromAFreshGenerator_AsUpstreamOnASavedSplit()
    {
        var dataset = Lists.Value.GetProperty("datasets").EnumerateArray().First(d => d.GetProperty("name").GetString() == "DescribableTextures");
        var expected = dataset.GetProperty("cases").EnumerateArray()
            .Single(c => c.GetProperty("seed").GetInt32() == 2 && c.GetProperty("shots").GetInt32() == 4);
        using var root = new TempDir();
        int id = 0;
        foreach (var image in dataset.GetProperty("images").EnumerateArray())
            TestImages.Write(CreateParent(root.Combine(image.GetString()!.Split('/'))), ++id);

        var ds = Datasets.Open("DTD", root.Path, new DatasetOptions { NumShots = 4, Seed = 2, SplitSeed = 2 });

        AssertPaths(expected.GetProperty("later").GetProperty("train"), ds.Train, root, "train");
        AssertPaths(expected.GetProperty("later").GetProperty("val"), ds.Val, root, "val");
    }

    private static string CreateParent(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return path;
    }

    private static void AssertPaths(JsonElement expected, IEnumerable<ImageItem> actual, TempDir root, string what)
    {
        var want = expected.EnumerateArray().Select(e => e.GetString()!).ToArray();
        var got = actual.Select(i => Path.GetRelativePath(root.Path, i.Path).Replace('\\', '/')).ToArray();
        Assert.True(want.SequenceEqual(got), $"{what}: expected [{string.Join(", ", want)}], got [{string.Join(", ", got)}]");
    }
}

/// <summary><see cref="DatasetOptions.FileSystemOrder"/>: files listed as the file system returns them (GNU <c>ls -f</c>).</summary>
public class FileSystemOrderTests
{
    [Fact]
    public void FileSystemOrder_ShufflesTheDirectoryOrder_DefaultShufflesTheSortedOrder()
    {
        using var root = new TempDir();
        var folder = root.Combine("dtd", "images", "banded");
        Directory.CreateDirectory(folder);
        int[] numbers = [17, 3, 42, 8, 29, 11, 35, 1, 23, 5, 38, 14];
        foreach (var n in numbers)
            TestImages.Write(Path.Combine(folder, $"banded_{n:0000}.jpg"), n);
        var directoryOrder = ListUnsorted(folder);
        var sorted = directoryOrder.Order(StringComparer.Ordinal).ToList();

        var fsOrder = Datasets.Open("DTD", root.Path, new DatasetOptions { Seed = 3, FileSystemOrder = true, CacheFewShot = false });
        File.Delete(root.Combine("dtd", "split_zhou_DescribableTextures.json"));
        var byName = Datasets.Open("DTD", root.Path, new DatasetOptions { Seed = 3, CacheFewShot = false });

        Assert.Equal(Shuffled(directoryOrder, 3), Names(fsOrder));
        Assert.Equal(Shuffled(sorted, 3), Names(byName));
    }

    private static List<string> Names(ImageDataset ds) =>
        ds.Train.Concat(ds.Val).Concat(ds.Test).Select(i => Path.GetFileName(i.Path)).ToList();

    /// <summary>Python: <c>random.seed(seed); random.shuffle(names)</c> (PythonRandom is checked against CPython elsewhere).</summary>
    private static List<string> Shuffled(List<string> names, int seed)
    {
        var copy = names.ToList();
        new MaPLe.Data.Sampling.PythonRandom(seed).Shuffle(copy);
        return copy;
    }

    private static List<string> ListUnsorted(string folder)
    {
        var psi = new System.Diagnostics.ProcessStartInfo("ls", ["-f", "-1", folder]) { RedirectStandardOutput = true };
        using var ls = System.Diagnostics.Process.Start(psi)!;
        var lines = ls.StandardOutput.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        ls.WaitForExit();
        return lines.Where(n => !n.StartsWith('.')).ToList();
    }
}
