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
    public Option<int> Shots { get; } = new("--shots") { Description = "training images per class (-1 = all)", DefaultValueFactory = _ => 16 };

    /// <summary>Seed.</summary>
    public Option<int> Seed { get; } = new("--seed") { Description = "few-shot sampling and training seed", DefaultValueFactory = _ => 1 };

    /// <summary>base / new / all.</summary>
    public Option<string> Subsample { get; } = new("--subsample") { Description = "classes: base, new (novel) or all", DefaultValueFactory = _ => "base" };

    /// <summary>Adds the options to a command.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(Dataset);
        command.Options.Add(DataRoot);
        command.Options.Add(Shots);
        command.Options.Add(Seed);
        command.Options.Add(Subsample);
    }

    /// <summary>Opens the selected dataset.</summary>
    public IImageDataset Open(ParseResult parse)
    {
        string name = parse.GetValue(Dataset)!;
        var subset = ClassSubsets.Parse(parse.GetValue(Subsample)!);
        int shots = parse.GetValue(Shots);
        int seed = parse.GetValue(Seed);
        if (name.Equals("toyworld", StringComparison.OrdinalIgnoreCase))
            return ToyWorldTask.Create(subset, shots > 0 ? shots : 16, testPerClass: 50, seed);
        string root = parse.GetValue(DataRoot) ?? throw new ArgumentException($"--data-root is needed for dataset '{name}'.");
        return Datasets.Open(name, root, new DatasetOptions { NumShots = shots, Seed = seed, Subsample = subset });
    }
}
