using System.CommandLine;
using System.Globalization;
using MaPLe.Data;
using MaPLe.ToyWorld;

namespace MaPLe.Cli.Commands;

/// <summary>
/// Where <c>train</c> and <c>eval</c> take their images from: a benchmark dataset or the built-in toy world
/// (<c>--dataset</c>), a folder with one sub-folder per class (<c>--image-folder</c>) or a CSV/JSON list
/// (<c>--list</c>); plus few-shot sampling (<c>--shots</c>, <c>--seed</c>), the class subset and, for users' own data,
/// the held-out fraction (<c>--test-fraction</c>).
/// </summary>
public sealed class DatasetSelection
{
    /// <summary>The dataset name.</summary>
    public Option<string?> Dataset { get; } = new("--dataset", "-d") { Description = "toyworld (built in: the QuickStart's toy world through a shifted camera) or a benchmark dataset: EuroSAT, DTD, Caltech101, ImageNet, ..." };

    /// <summary>A folder with one sub-folder per class.</summary>
    public Option<string?> ImageFolder { get; } = new("--image-folder") { Description = "your images: one sub-folder per class (sorted folder names are the labels), or train/ and test/ trees of such folders; nothing is written into it" };

    /// <summary>A list file of (path, label[, classname]).</summary>
    public Option<string?> List { get; } = new("--list") { Description = "your images as a list: .csv/.tsv lines 'path,label[,classname]' or a .json array; relative paths are relative to the list's folder" };

    /// <summary>Class names for a list without a classname column.</summary>
    public Option<string?> ListClasses { get; } = new("--list-classes") { Description = "for --list without a classname column: a file with one class name per line (line n = label n)" };

    /// <summary>Held-out fraction of each class for users' own data.</summary>
    public Option<double> TestFraction { get; } = new("--test-fraction") { Description = "--image-folder/--list: fraction of each class held out for eval (seeded by --seed, so train and eval agree)", DefaultValueFactory = _ => UserDataSplit.DefaultTestFraction };

    /// <summary>The datasets' root folder.</summary>
    public Option<string?> DataRoot { get; } = new("--data-root") { Description = "folder holding the benchmark datasets (upstream's $DATA); not needed for toyworld" };

    /// <summary>Shots per class.</summary>
    public Option<int> Shots { get; } = new("--shots") { Description = "training images per class: -1 = all, or at least 1 (the toy world uses 16 for -1)", DefaultValueFactory = _ => 16 };

    /// <summary>Seed.</summary>
    public Option<int> Seed { get; } = new("--seed") { Description = "split, few-shot sampling and training seed", DefaultValueFactory = _ => 1 };

    /// <summary>base / new / all.</summary>
    public Option<string?> Subsample { get; } = new("--subsample") { Description = "classes: base, new (novel) or all; default: base for --dataset, all for --image-folder/--list" };

    /// <summary>The pixel budget of the dataset's images.</summary>
    public Option<double> MaxMegapixels { get; } = CommonOptions.MaxMegapixels();

    /// <summary>Most images the built-in toy world may generate: more is surely a mistyped --shots.</summary>
    public const int MaxToyWorldImages = 100_000;

    private const int ToyTestPerClass = 50;

    /// <summary>Adds the options to a command.</summary>
    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Dataset, ImageFolder, List, ListClasses, TestFraction, DataRoot, Shots, Seed, Subsample, MaxMegapixels })
            command.Options.Add(option);
    }

    /// <summary>The image decoder with the selected pixel budget.</summary>
    public Imaging.SkiaImageDecoder Decoder(ParseResult parse) => CommonOptions.Decoder(parse.GetValue(MaxMegapixels));

    /// <summary>Checks the options without opening anything (run before any work).</summary>
    /// <exception cref="ArgumentException">A value is out of range; the message names the option.</exception>
    public void Validate(ParseResult parse)
    {
        int shots = parse.GetValue(Shots);
        if (shots is 0 or < -1)
            throw new ArgumentException($"--shots must be -1 (all images) or at least 1, not {shots}.");
        Decoder(parse);
        if (parse.GetValue(Dataset) is { } name && name.Equals("toyworld", StringComparison.OrdinalIgnoreCase))
        {
            var subset = ClassSubsets.Parse(SubsetName(parse));
            var split = ToyWorldTask.Split;
            int classes = subset switch { ClassSubset.Base => split.BaseClasses.Count, ClassSubset.Novel => split.NovelClasses.Count, _ => split.AllClasses.Count };
            long images = (long)classes * (ToyShots(shots) + ToyTestPerClass);
            if (images > MaxToyWorldImages)
                throw new ArgumentException($"--shots {shots} would make the toy world generate {images:N0} images ({classes} classes × ({shots} + {ToyTestPerClass} test)); the limit is {MaxToyWorldImages:N0}.");
        }
    }

    private static int ToyShots(int shots) => shots > 0 ? shots : 16;

    /// <summary>The class subset the command line asks for (its default depends on the source).</summary>
    public string SubsetName(ParseResult parse) =>
        parse.GetValue(Subsample) ?? (parse.GetValue(Dataset) is null ? "all" : "base");

    /// <summary>Opens the selected dataset; for users' own data nothing is written anywhere.</summary>
    public IImageDataset Open(ParseResult parse)
    {
        string? name = parse.GetValue(Dataset), folder = parse.GetValue(ImageFolder), list = parse.GetValue(List);
        int given = new[] { name, folder, list }.Count(v => v is not null);
        if (given != 1)
            throw new ArgumentException(given == 0
                ? "Say where the images are: --image-folder <dir>, --list <file.csv|.json> or --dataset <name>."
                : "Give only one of --dataset, --image-folder and --list.");
        Validate(parse);
        var subset = ClassSubsets.Parse(SubsetName(parse));
        int shots = parse.GetValue(Shots);
        int seed = parse.GetValue(Seed);
        if (name is not null)
        {
            if (name.Equals("toyworld", StringComparison.OrdinalIgnoreCase))
                return ToyWorldTask.Create(subset, ToyShots(shots), testPerClass: ToyTestPerClass, seed);
            string root = parse.GetValue(DataRoot) ?? throw new ArgumentException($"--data-root is needed for dataset '{name}'.");
            return Datasets.Open(name, root, new DatasetOptions { NumShots = shots, Seed = seed, Subsample = subset });
        }
        double fraction = parse.GetValue(TestFraction);
        if (!(fraction > 0 && fraction < 1))
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"--test-fraction must be between 0 and 1 (exclusive), got {fraction}."));
        var options = new DatasetOptions { NumShots = shots, Seed = seed, Subsample = subset, CacheFewShot = false, VerifyImageFiles = list is not null };
        return folder is not null
            ? UserDataSplit.FromImageFolder(folder, fraction, options)
            : UserDataSplit.FromList(list!, CommonOptions.ReadClasses(null, parse.GetValue(ListClasses)), fraction, options);
    }
}
