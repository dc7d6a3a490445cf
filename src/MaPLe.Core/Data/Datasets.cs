using System.Collections.Concurrent;
using MaPLe.Data.Readers;
using MaPLe.Data.Sampling;

namespace MaPLe.Data;

/// <summary>
/// The single entry point for datasets: opens a benchmark dataset by its upstream config name under a data root
/// (<c>$DATA</c>), or users' own data, and applies few-shot sampling and the base/novel class split exactly as upstream:
/// fixed split → few-shot (train K, val min(K,4), seeded, cached as JSON) → class subsampling.
/// </summary>
public static class Datasets
{
    private static readonly ConcurrentDictionary<string, IDatasetReader> Registry = new(StringComparer.Ordinal);

    static Datasets()
    {
        IDatasetReader[] builtIn =
        [
            new ImageNetReader(), new Caltech101Reader(), new OxfordPetsReader(), new StanfordCarsReader(),
            new OxfordFlowersReader(), new Food101Reader(), new FgvcAircraftReader(), new Sun397Reader(),
            new DescribableTexturesReader(), new EuroSatReader(), new Ucf101Reader(), new ImageNetV2Reader(),
            new ImageNetSketchReader(), new ImageNetAReader(), new ImageNetRReader(),
        ];
        foreach (var reader in builtIn)
            Register(reader, reader.DirectoryName);
        Register(Registry[Normalize("OxfordFlowers")], "Flowers102");
        Register(Registry[Normalize("DescribableTextures")], "DTD");
    }

    /// <summary>The upstream config names of the registered datasets.</summary>
    public static IReadOnlyList<string> Names =>
        Registry.Values.Select(r => r.Name).Distinct().Order(StringComparer.Ordinal).ToArray();

    /// <summary>
    /// Registers <paramref name="reader"/> under its <see cref="IDatasetReader.Name"/> and <paramref name="aliases"/>
    /// (matched case-insensitively, ignoring "_", "-" and spaces); a later registration replaces an earlier one.
    /// </summary>
    public static void Register(IDatasetReader reader, params string[] aliases)
    {
        ArgumentNullException.ThrowIfNull(reader);
        Registry[Normalize(reader.Name)] = reader;
        foreach (var alias in aliases)
            Registry[Normalize(alias)] = reader;
    }

    /// <summary>
    /// The reader for <paramref name="name"/>: an upstream config name ("EuroSAT", "ImageNetA"), a script name
    /// ("imagenet_a", "oxford_pets") or a folder name ("caltech-101"), case-insensitive.
    /// </summary>
    /// <exception cref="ArgumentException">Unknown name (the message lists the known ones).</exception>
    public static IDatasetReader GetReader(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return Registry.TryGetValue(Normalize(name), out var reader)
            ? reader
            : throw new ArgumentException($"Unknown dataset '{name}'. Known: {string.Join(", ", Names)}.", nameof(name));
    }

    /// <summary>
    /// Opens benchmark dataset <paramref name="name"/> from <c>&lt;root&gt;/&lt;its folder&gt;</c> (the layout of the CoOp
    /// DATASETS.md) and applies <paramref name="options"/>.
    /// </summary>
    /// <exception cref="ArgumentException">Unknown name or invalid options.</exception>
    /// <exception cref="DatasetNotFoundException">A folder or file is missing (the message says what to download).</exception>
    /// <exception cref="DatasetFormatException">A file is malformed.</exception>
    public static ImageDataset Open(string name, string root, DatasetOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(root);
        var reader = GetReader(name);
        options ??= new DatasetOptions();
        options.Validate();
        var datasetDirectory = Path.GetFullPath(Path.Combine(root, reader.DirectoryName));
        var random = SharedStream(options);
        var creation = new SplitCreationOptions(options.CreateMissingSplit, options.SplitSeed ?? options.Seed)
        {
            Random = random,
            FileSystemOrder = options.FileSystemOrder,
        };
        var splits = reader.Read(datasetDirectory, creation);
        var fewShotDirectory = options.FewShotDirectory ?? Path.Combine(datasetDirectory, "split_fewshot");
        return Build(reader.Name, splits, options, fewShotDirectory, datasetDirectory, random);
    }

    /// <summary>
    /// Builds a dataset from a <c>split_zhou</c>-format file of your own (the way upstream users bring custom data in the
    /// Caltech101 layout), paths relative to <paramref name="imageDirectory"/>.
    /// </summary>
    public static ImageDataset FromSplitFile(string name, string splitFile, string imageDirectory, DatasetOptions? options = null)
    {
        var splits = ZhouSplitFile.Read(splitFile, imageDirectory, name);
        options ??= new DatasetOptions();
        return Build(name, splits, options, options.FewShotDirectory, Path.GetDirectoryName(Path.GetFullPath(splitFile))!);
    }

    /// <summary>Builds a dataset from an image-folder tree (see <see cref="ImageFolderSource.Read(string, PythonRandom, string)"/>).</summary>
    public static ImageDataset FromImageFolder(string name, string directory, DatasetOptions? options = null)
    {
        options ??= new DatasetOptions();
        options.Validate();
        var random = SharedStream(options);
        var splits = ImageFolderSource.Read(directory, random ?? new PythonRandom(options.SplitSeed ?? options.Seed), name);
        return Build(name, splits, options, options.FewShotDirectory, Path.GetFullPath(directory), random);
    }

    /// <summary>
    /// Builds a dataset from list files (see <see cref="ImageListSource"/>); <paramref name="valList"/> may be null (empty
    /// validation set).
    /// </summary>
    public static ImageDataset FromLists(string name, string trainList, string? valList, string testList,
        DatasetOptions? options = null, IReadOnlyList<string>? classNames = null)
    {
        var train = ImageListSource.Read(trainList, classNames: classNames, datasetName: name);
        var val = valList is null ? [] : ImageListSource.Read(valList, classNames: classNames, datasetName: name);
        var test = ImageListSource.Read(testList, classNames: classNames, datasetName: name);
        options ??= new DatasetOptions();
        return Build(name, new DatasetSplits(train, val, test), options, options.FewShotDirectory,
            Path.GetDirectoryName(Path.GetFullPath(trainList))!);
    }

    /// <summary>
    /// Applies few-shot sampling and class subsampling to <paramref name="splits"/> (upstream's dataset constructor after
    /// the split is read). Few-shot lists are cached in <paramref name="fewShotDirectory"/> when it is given and
    /// <see cref="DatasetOptions.CacheFewShot"/> is on; their paths are stored relative to <paramref name="baseDirectory"/>.
    /// </summary>
    public static ImageDataset Build(string name, DatasetSplits splits, DatasetOptions options, string? fewShotDirectory, string baseDirectory) =>
        Build(name, splits, options, fewShotDirectory, baseDirectory, random: null);

    /// <summary>
    /// Upstream seeds Python's <c>random</c> once per run: creating a missing split and then drawing the few shots consume
    /// one stream. Without a separate <see cref="DatasetOptions.SplitSeed"/> both use this generator; a reader that reads
    /// a split file draws nothing from it, so the few-shot draw then starts at the seed, as upstream's does.
    /// </summary>
    private static PythonRandom? SharedStream(DatasetOptions options) =>
        options.SplitSeed is null ? new PythonRandom(options.Seed) : null;

    private static ImageDataset Build(string name, DatasetSplits splits, DatasetOptions options, string? fewShotDirectory, string baseDirectory,
        PythonRandom? random)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(splits);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(baseDirectory);
        options.Validate();
        if (options.VerifyImageFiles)
            VerifyFiles(name, splits);
        IReadOnlyList<ImageItem> train = splits.Train, val = splits.Val, test = splits.Test;
        if (options.NumShots >= 1 && train.Count > 0)
        {
            var fewShot = LoadOrSampleFewShot(name, splits, options, fewShotDirectory, baseDirectory, random);
            train = fewShot.Train;
            if (!splits.ValIsTest)
                val = fewShot.Val;
        }
        if (splits.ValIsTest)
        {
            var sets = ClassSubsampler.Apply(options.Subsample, train, test);
            return new ImageDataset(name, sets[0], sets[1], sets[1]);
        }
        if (train.Count == 0)
        {
            // Test-only datasets: upstream never subsamples them; choosing classes from the test set is the natural extension.
            var sets = ClassSubsampler.Apply(options.Subsample, test, val);
            return new ImageDataset(name, train, sets[1], sets[0]);
        }
        var all = ClassSubsampler.Apply(options.Subsample, train, val, test);
        return new ImageDataset(name, all[0], all[1], all[2]);
    }

    private static FewShotSplit LoadOrSampleFewShot(string name, DatasetSplits splits, DatasetOptions options, string? directory, string baseDirectory,
        PythonRandom? random)
    {
        var file = directory is null || !options.CacheFewShot
            ? null
            : Path.Combine(directory, FewShotSplitFile.FileName(options.NumShots, options.Seed));
        if (file is not null && File.Exists(file))
        {
            var loaded = FewShotSplitFile.Read(file, baseDirectory, name);
            if (loaded.Shots != options.NumShots || loaded.Seed != options.Seed)
                throw new DatasetFormatException(name, file,
                    $"holds {loaded.Shots} shots with seed {loaded.Seed}, not {options.NumShots} shots with seed {options.Seed}; delete it to sample again.");
            return loaded;
        }
        var sampled = FewShotSampler.SampleTrainAndVal(splits.Train, splits.Val, options.NumShots, options.Seed,
            random ?? new PythonRandom(options.Seed), sampleVal: !splits.ValIsTest);
        if (file is not null)
            FewShotSplitFile.Write(file, sampled, baseDirectory, name);
        return sampled;
    }

    private static void VerifyFiles(string name, DatasetSplits splits)
    {
        var missing = splits.Train.Concat(splits.Val).Concat(splits.Test)
            .Where(i => i.Source is null && !File.Exists(i.Path)).Select(i => i.Path).Distinct().ToList();
        if (missing.Count > 0)
            throw new DatasetNotFoundException(name, missing[0],
                $"{missing.Count} listed image file(s) are missing; the dataset folder is incomplete or the split file belongs to another version.");
    }

    private static string Normalize(string name) =>
        new string(name.Where(c => c is not ('_' or '-' or ' ')).ToArray()).ToLowerInvariant();
}
