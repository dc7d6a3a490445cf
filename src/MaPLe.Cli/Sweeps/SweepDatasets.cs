using MaPLe.Data;
using MaPLe.ToyWorld;

namespace MaPLe.Cli.Sweeps;

/// <summary>
/// Opens a cell's datasets. Nothing is written into the dataset folders (they may be mounted read-only): few-shot lists
/// are cached in the runs folder (<c>.cache/fewshot/&lt;dataset&gt;</c>), and a benchmark dataset whose split file is
/// missing is an error naming the file instead of a split created beside the data.
/// </summary>
public static class SweepDatasets
{
    /// <summary>The built-in toy world's dataset name.</summary>
    public const string ToyWorld = "toyworld";

    /// <summary>Toy-world test images per class when the grid does not say.</summary>
    public const int DefaultToyTestPerClass = 50;

    /// <summary>The base dataset (training and base test images) and the novel dataset (novel test images).</summary>
    public static (IImageDataset Base, IImageDataset Novel) OpenBaseToNovel(GridDataset dataset, int shots, int seed, string runs)
    {
        if (dataset.Dataset == ToyWorld)
            return ToyWorldTask.CreateBaseToNovel(ToyShots(shots), dataset.TestPerClass ?? DefaultToyTestPerClass, seed);
        return (Open(dataset, shots, seed, ClassSubset.Base, runs), Open(dataset, shots, seed, ClassSubset.Novel, runs));
    }

    /// <summary>All classes of a dataset (cross-dataset and domain-generalization sources and targets).</summary>
    public static IImageDataset OpenAll(GridDataset dataset, int shots, int seed, string runs) =>
        dataset.Dataset == ToyWorld
            ? ToyWorldTask.Create(ClassSubset.All, ToyShots(shots), dataset.TestPerClass ?? DefaultToyTestPerClass, seed)
            : Open(dataset, shots, seed, ClassSubset.All, runs);

    private static int ToyShots(int shots) => shots > 0 ? shots : 16;

    private static ImageDataset Open(GridDataset dataset, int shots, int seed, ClassSubset subset, string runs)
    {
        var options = new DatasetOptions
        {
            NumShots = shots, Seed = seed, Subsample = subset, CreateMissingSplit = false,
            FewShotDirectory = Path.Combine(runs, ".cache", "fewshot", dataset.Name),
        };
        return dataset.ImageFolder is { } folder
            ? Datasets.FromImageFolder(dataset.Name, folder, options)
            : Datasets.Open(dataset.Dataset!, dataset.Root!, options);
    }
}
