using System.CommandLine;
using MaPLe.Data;
using MaPLe.ToyWorld;

namespace MaPLe.Cli.Commands;

/// <summary>--dataset / --data-root / --shots / --seed / --subsample: a benchmark dataset or the built-in toy world.</summary>
public sealed class DatasetSelection
{
    /// <summary>The dataset name.</summary>
    public Option<string> Dataset { get; } = new("--dataset", "-d") { Description = "toyworld (built in: the QuickStart's toy world through a shifted camera) or a benchmark dataset: EuroSAT, DTD, Caltech101, ImageNet, ...", Required = true };

    /// <summary>The datasets' root folder.</summary>
    public Option<string?> DataRoot { get; } = new("--data-root") { Description = "folder holding the datasets (upstream's $DATA); not needed for toyworld" };

    /// <summary>Shots per class.</summary>
    public Option<int> Shots { get; } = new("--shots") { Description = "training images per class: -1 = all, or at least 1 (the toy world uses 16 for -1)", DefaultValueFactory = _ => 16 };

    /// <summary>Seed.</summary>
    public Option<int> Seed { get; } = new("--seed") { Description = "few-shot sampling and training seed", DefaultValueFactory = _ => 1 };

    /// <summary>base / new / all.</summary>
    public Option<string> Subsample { get; } = new("--subsample") { Description = "classes: base, new (novel) or all", DefaultValueFactory = _ => "base" };

    /// <summary>The pixel budget of the dataset's images.</summary>
    public Option<double> MaxMegapixels { get; } = CommonOptions.MaxMegapixels();

    /// <summary>Most images the built-in toy world may generate: more is surely a mistyped --shots.</summary>
    public const int MaxToyWorldImages = 100_000;

    /// <summary>Adds the options to a command.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(Dataset);
        command.Options.Add(DataRoot);
        command.Options.Add(Shots);
        command.Options.Add(Seed);
        command.Options.Add(Subsample);
        command.Options.Add(MaxMegapixels);
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
        if (IsToyWorld(parse))
        {
            var subset = ClassSubsets.Parse(parse.GetValue(Subsample)!);
            var split = ToyWorldTask.Split;
            int classes = subset switch { ClassSubset.Base => split.BaseClasses.Count, ClassSubset.Novel => split.NovelClasses.Count, _ => split.AllClasses.Count };
            long images = (long)classes * (ToyShots(shots) + ToyTestPerClass);
            if (images > MaxToyWorldImages)
                throw new ArgumentException($"--shots {shots} would make the toy world generate {images:N0} images ({classes} classes × ({shots} + {ToyTestPerClass} test)); the limit is {MaxToyWorldImages:N0}.");
        }
    }

    private const int ToyTestPerClass = 50;

    private static int ToyShots(int shots) => shots > 0 ? shots : 16;

    private bool IsToyWorld(ParseResult parse) => parse.GetValue(Dataset)!.Equals("toyworld", StringComparison.OrdinalIgnoreCase);

    /// <summary>Opens the selected dataset.</summary>
    public IImageDataset Open(ParseResult parse)
    {
        Validate(parse);
        string name = parse.GetValue(Dataset)!;
        var subset = ClassSubsets.Parse(parse.GetValue(Subsample)!);
        int shots = parse.GetValue(Shots);
        int seed = parse.GetValue(Seed);
        if (IsToyWorld(parse))
            return ToyWorldTask.Create(subset, ToyShots(shots), testPerClass: ToyTestPerClass, seed);
        string root = parse.GetValue(DataRoot) ?? throw new ArgumentException($"--data-root is needed for dataset '{name}'.");
        return Datasets.Open(name, root, new DatasetOptions { NumShots = shots, Seed = seed, Subsample = subset });
    }
}
