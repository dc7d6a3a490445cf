using System.Globalization;
using MaPLe.Data;
using MaPLe.Data.Readers;
using MaPLe.Data.Sampling;

namespace MaPLe.Cli.Commands;

/// <summary>
/// Users' own images (a class-per-folder tree or a list file) split per class into train and test by a seeded shuffle:
/// the same folder, seed and fraction always give the same split, so <c>maple train</c> and <c>maple eval</c> agree
/// without writing a split file anywhere. Few-shot sampling then draws from the train part as for the benchmarks.
/// </summary>
public static class UserDataSplit
{
    /// <summary>The held-out fraction when none is given.</summary>
    public const double DefaultTestFraction = 0.2;

    /// <summary>
    /// Reads <paramref name="directory"/>: with a <c>train</c> sub-folder its train/val/test trees are used as they are;
    /// otherwise every class folder is split by <paramref name="testFraction"/>.
    /// </summary>
    public static ImageDataset FromImageFolder(string directory, double testFraction, DatasetOptions options)
    {
        ArgumentNullException.ThrowIfNull(directory);
        string name = DatasetName(directory);
        if (Directory.Exists(Path.Combine(directory, "train")))
            return Datasets.Build(name, ImageFolderSource.Read(directory, options.Seed, name), options, fewShotDirectory: null, Path.GetFullPath(directory));
        var items = ImageFolderSource.ReadTree(directory, datasetName: name);
        return Datasets.Build(name, Split(items, testFraction, options.Seed, name), options, fewShotDirectory: null, Path.GetFullPath(directory));
    }

    /// <summary>Reads a CSV/TSV/JSON list (see <see cref="ImageListSource"/>) and splits it by <paramref name="testFraction"/>.</summary>
    public static ImageDataset FromList(string listFile, IReadOnlyList<string>? classNames, double testFraction, DatasetOptions options)
    {
        ArgumentNullException.ThrowIfNull(listFile);
        string name = Path.GetFileNameWithoutExtension(listFile);
        var items = ImageListSource.Read(listFile, classNames: classNames, datasetName: name);
        if (items.Count == 0)
            throw new DatasetFormatException(name, listFile, "the list has no entries.");
        return Datasets.Build(name, Split(items, testFraction, options.Seed, name), options, fewShotDirectory: null,
            Path.GetDirectoryName(Path.GetFullPath(listFile))!);
    }

    /// <summary>
    /// Per label (in label order; items in the order given): shuffles with a Python-compatible generator seeded by
    /// <paramref name="seed"/> and holds out max(1, round(n·<paramref name="testFraction"/>)) items for test.
    /// </summary>
    /// <exception cref="DatasetFormatException">A class has fewer than two images (nothing to hold out or to train on).</exception>
    public static DatasetSplits Split(IReadOnlyList<ImageItem> items, double testFraction, int seed, string datasetName)
    {
        ArgumentNullException.ThrowIfNull(items);
        var random = new PythonRandom(seed);
        List<ImageItem> train = [], test = [];
        foreach (var group in items.GroupBy(i => i.Label).OrderBy(g => g.Key))
        {
            var members = group.ToList();
            int nTest = Math.Max(1, (int)Math.Round(members.Count * testFraction, MidpointRounding.ToEven));
            if (members.Count - nTest < 1)
                throw new DatasetFormatException(datasetName, members[0].Path, string.Create(CultureInfo.InvariantCulture,
                    $"class '{members[0].ClassName}' has {members.Count} image(s): at least 2 are needed to hold out {testFraction:P0} for testing and train on the rest."));
            random.Shuffle(members);
            test.AddRange(members.Take(nTest));
            train.AddRange(members.Skip(nTest));
        }
        return new DatasetSplits(train, test, test, ValIsTest: true);
    }

    private static string DatasetName(string directory)
    {
        var name = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory)));
        return string.IsNullOrWhiteSpace(name) ? "images" : name;
    }
}
