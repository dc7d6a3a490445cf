using MaPLe.Prompting;
using MaPLe.Training;

namespace MaPLe.Cli.Sweeps;

/// <summary>The three evaluation protocols of the papers.</summary>
public enum SweepProtocol
{
    /// <summary>Train on a dataset's base classes, evaluate base and novel classes (<c>b2n</c>).</summary>
    BaseToNovel,

    /// <summary>Train on a source dataset (all classes), evaluate other datasets (<c>xd</c>).</summary>
    CrossDataset,

    /// <summary>Train on ImageNet, evaluate its shifted variants (<c>dg</c>).</summary>
    DomainGeneralization,
}

/// <summary>Names of <see cref="SweepProtocol"/> values in grid files, specs and cell ids.</summary>
public static class SweepProtocols
{
    /// <summary>The name written in specs and results (<c>base-to-novel</c>, <c>cross-dataset</c>, <c>domain-generalization</c>).</summary>
    public static string Name(SweepProtocol protocol) => protocol switch
    {
        SweepProtocol.BaseToNovel => "base-to-novel",
        SweepProtocol.CrossDataset => "cross-dataset",
        _ => "domain-generalization",
    };

    /// <summary>The first segment of a cell id (<c>b2n</c>, <c>xd</c>, <c>dg</c>).</summary>
    public static string Short(SweepProtocol protocol) => protocol switch
    {
        SweepProtocol.BaseToNovel => "b2n",
        SweepProtocol.CrossDataset => "xd",
        _ => "dg",
    };

    /// <summary>Parses a protocol name or its short form, case-insensitive.</summary>
    /// <exception cref="ArgumentException">Unknown name; the message lists the accepted ones.</exception>
    public static SweepProtocol Parse(string value) => value.Trim().ToLowerInvariant() switch
    {
        "base-to-novel" or "base2novel" or "b2n" => SweepProtocol.BaseToNovel,
        "cross-dataset" or "xd" => SweepProtocol.CrossDataset,
        "domain-generalization" or "domain-generalisation" or "dg" => SweepProtocol.DomainGeneralization,
        _ => throw new ArgumentException($"unknown protocol '{value}': use base-to-novel (b2n), cross-dataset (xd) or domain-generalization (dg)"),
    };
}

/// <summary>A dataset of a grid: a benchmark dataset under a root folder, an image folder, or the built-in toy world.</summary>
/// <param name="Name">The name in cell ids and tables (lower case: letters, digits, '.', '_', '-').</param>
/// <param name="Dataset">The benchmark name <c>Datasets.Open</c> takes (EuroSAT, DTD, ...) or <c>toyworld</c>; null for an image folder.</param>
/// <param name="Root">The datasets' root folder as the workers see it (upstream's $DATA).</param>
/// <param name="ImageFolder">An image folder (one sub-folder per class) as the workers see it.</param>
/// <param name="TestPerClass">Toy world only: generated test images per class.</param>
public sealed record GridDataset(string Name, string? Dataset, string? Root, string? ImageFolder, int? TestPerClass);

/// <summary>A method of a grid with its resolved options and training recipe.</summary>
/// <param name="Name">The name in cell ids and tables (the grid's spelling, e.g. <c>maple-shared</c>).</param>
/// <param name="Options">The method's options: the registry's defaults with the grid's overrides.</param>
/// <param name="Training">The training recipe (null when the method trains nothing, as zero-shot CLIP).</param>
public sealed record GridMethod(string Name, PromptMethodOptions Options, TrainingOptions? Training);

/// <summary>A parsed, validated grid: every combination of its datasets, methods, shots and seeds is one cell.</summary>
public sealed record SweepGrid
{
    /// <summary>The grid's name (Kubernetes job name, table titles).</summary>
    public required string Name { get; init; }

    /// <summary>The protocol every cell follows.</summary>
    public required SweepProtocol Protocol { get; init; }

    /// <summary>Base-to-novel: the datasets. Cross-dataset / domain generalization: the one source dataset.</summary>
    public required IReadOnlyList<GridDataset> Datasets { get; init; }

    /// <summary>Cross-dataset / domain generalization: the datasets evaluated after training on the source.</summary>
    public IReadOnlyList<GridDataset> Targets { get; init; } = [];

    /// <summary>Methods, in table order.</summary>
    public required IReadOnlyList<GridMethod> Methods { get; init; }

    /// <summary>Seeds (the papers use 1, 2, 3).</summary>
    public required IReadOnlyList<int> Seeds { get; init; }

    /// <summary>Shots per class (a cell id carries <c>shotsK</c> only when there are several).</summary>
    public required IReadOnlyList<int> Shots { get; init; }

    /// <summary>CLIP weights as the workers see them; null = the shipped tiny CLIP.</summary>
    public string? Weights { get; init; }

    /// <summary>BPE vocabulary as the workers see it; null = the shipped tiny vocabulary.</summary>
    public string? Vocabulary { get; init; }

    /// <summary>Frozen CLIP precision: fp32 or bf16.</summary>
    public string DType { get; init; } = "fp32";
}
