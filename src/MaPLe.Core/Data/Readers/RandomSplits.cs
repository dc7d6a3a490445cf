using MaPLe.Data.Sampling;

namespace MaPLe.Data.Readers;

/// <summary>
/// Upstream's random split creation, used when a <c>split_zhou_*.json</c> is missing: <c>OxfordPets.split_trainval</c> and
/// <c>DescribableTextures.read_and_split_data</c>, with Python's <c>round</c> (half to even) and <c>random.shuffle</c>.
/// </summary>
internal static class RandomSplits
{
    /// <summary>
    /// Splits train+val per label (labels in order of first appearance): round(n·<paramref name="valFraction"/>) shuffled
    /// items of each label go to val, the rest to train.
    /// </summary>
    /// <exception cref="DatasetFormatException">A label would get no validation item.</exception>
    public static (List<ImageItem> Train, List<ImageItem> Val) SplitTrainVal(
        IReadOnlyList<ImageItem> trainVal, PythonRandom random, string datasetName, double valFraction = 0.2)
    {
        ArgumentNullException.ThrowIfNull(trainVal);
        ArgumentNullException.ThrowIfNull(random);
        var groups = new List<List<int>>();
        var byLabel = new Dictionary<int, List<int>>();
        for (int i = 0; i < trainVal.Count; i++)
        {
            if (!byLabel.TryGetValue(trainVal[i].Label, out var idxs))
            {
                idxs = [];
                byLabel.Add(trainVal[i].Label, idxs);
                groups.Add(idxs);
            }
            idxs.Add(i);
        }
        List<ImageItem> train = [], val = [];
        foreach (var idxs in groups)
        {
            int nVal = (int)Math.Round(idxs.Count * valFraction, MidpointRounding.ToEven);
            if (nVal <= 0)
                throw new DatasetFormatException(datasetName, trainVal[idxs[0]].Path,
                    $"class '{trainVal[idxs[0]].ClassName}' has only {idxs.Count} train+val image(s), too few to split off a validation image.");
            random.Shuffle(idxs);
            for (int n = 0; n < idxs.Count; n++)
                (n < nVal ? val : train).Add(trainVal[idxs[n]]);
        }
        return (train, val);
    }

    /// <summary>
    /// Splits a one-folder-per-class tree: categories (minus <paramref name="ignored"/>) sorted and labelled 0..; per
    /// category the images are shuffled and split into round(n·<paramref name="trainFraction"/>) train,
    /// round(n·<paramref name="valFraction"/>) val and the rest test; class names renamed by <paramref name="renames"/>.
    /// Images are listed sorted by name, or with <paramref name="fileSystemOrder"/> in the file system's own order
    /// (upstream's <c>os.listdir</c>); categories are sorted either way, as upstream sorts them.
    /// </summary>
    /// <exception cref="DatasetFormatException">A category is too small for all three splits.</exception>
    public static DatasetSplits SplitFolderTree(
        string imageDirectory, PythonRandom random, string datasetName,
        IReadOnlyCollection<string>? ignored = null, IReadOnlyDictionary<string, string>? renames = null,
        bool fileSystemOrder = false, double trainFraction = 0.5, double valFraction = 0.2)
    {
        ArgumentNullException.ThrowIfNull(imageDirectory);
        ArgumentNullException.ThrowIfNull(random);
        var categories = DatasetFiles.ListNonHidden(imageDirectory, directoriesOnly: true)
            .Where(c => ignored is null || !ignored.Contains(c)).ToList();
        List<ImageItem> train = [], val = [], test = [];
        for (int label = 0; label < categories.Count; label++)
        {
            var category = categories[label];
            var categoryDir = Path.Combine(imageDirectory, category);
            var images = DatasetFiles.ListFiles(categoryDir, fileSystemOrder).Select(n => Path.Combine(categoryDir, n)).ToList();
            random.Shuffle(images);
            int total = images.Count;
            int nTrain = (int)Math.Round(total * trainFraction, MidpointRounding.ToEven);
            int nVal = (int)Math.Round(total * valFraction, MidpointRounding.ToEven);
            int nTest = total - nTrain - nVal;
            if (nTrain <= 0 || nVal <= 0 || nTest <= 0)
                throw new DatasetFormatException(datasetName, categoryDir,
                    $"{total} image(s) are too few to split into train/val/test ({nTrain}/{nVal}/{nTest}); at least 4 are needed.");
            var className = renames is not null && renames.TryGetValue(category, out var renamed) ? renamed : category;
            for (int i = 0; i < total; i++)
            {
                var item = new ImageItem(images[i], label, className);
                (i < nTrain ? train : i < nTrain + nVal ? val : test).Add(item);
            }
        }
        return new DatasetSplits(train, val, test);
    }
}
