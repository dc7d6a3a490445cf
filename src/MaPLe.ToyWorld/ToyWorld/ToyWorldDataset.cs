using MaPLe.Data;

namespace MaPLe.ToyWorld;

/// <summary>
/// A labelled toy-world dataset: class <c>i</c> is "colour shape" (e.g. "red triangle"), with a fixed number of images
/// per class and split. Items are generated, not files: <see cref="ImageItem.Source"/> renders the image on demand
/// (thread-safe) and <see cref="ImageItem.Path"/> reads <c>toyworld://seed/split/index</c>. Image <c>j</c> of a class in a
/// split depends only on the seed, the split, the class and <c>j</c>: adding classes or images leaves the others unchanged,
/// and the splits never share an image.
/// </summary>
public sealed class ToyWorldDataset : IImageDataset
{
    private readonly ToyScene[][] _scenes = new ToyScene[3][];

    /// <summary>Builds the dataset (scenes are sampled now, images are rendered when asked for).</summary>
    /// <exception cref="ArgumentException">Invalid options.</exception>
    public ToyWorldDataset(ToyWorldDatasetOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options.Validate();
        Classes = options.Classes.ToArray();
        ClassNames = Classes.Select(c => c.ClassName).ToArray();
        var world = options.World with
        {
            Colors = Classes.Select(c => c.Color).Distinct().ToArray(),
            Shapes = Classes.Select(c => c.Shape).Distinct().ToArray(),
        };
        RenderOptions = world;
        Train = Build(ToyDatasetSplit.Train, ToyRandom.TrainStream, options.TrainPerClass, world);
        Val = Build(ToyDatasetSplit.Val, ToyRandom.ValStream, options.ValPerClass, world);
        Test = Build(ToyDatasetSplit.Test, ToyRandom.TestStream, options.TestPerClass, world);
    }

    /// <summary>The validated options.</summary>
    public ToyWorldDatasetOptions Options { get; }

    /// <summary>The options images are rendered with (<see cref="ToyWorldDatasetOptions.World"/> restricted to the classes).</summary>
    public ToyWorldOptions RenderOptions { get; }

    /// <summary>The classes in label order.</summary>
    public IReadOnlyList<ToyColorShape> Classes { get; }

    /// <inheritdoc/>
    public string Name => Options.Name;

    /// <inheritdoc/>
    public IReadOnlyList<string> ClassNames { get; }

    /// <inheritdoc/>
    public IReadOnlyList<ImageItem> Train { get; }

    /// <inheritdoc/>
    public IReadOnlyList<ImageItem> Val { get; }

    /// <inheritdoc/>
    public IReadOnlyList<ImageItem> Test { get; }

    /// <summary>The scene of item <paramref name="index"/> of <paramref name="split"/>.</summary>
    public ToyScene GetScene(ToyDatasetSplit split, int index)
    {
        var scenes = _scenes[(int)split];
        if ((uint)index >= (uint)scenes.Length)
            throw new ArgumentOutOfRangeException(nameof(index), index, $"The {SplitName(split)} split holds {scenes.Length} items.");
        return scenes[index];
    }

    private ImageItem[] Build(ToyDatasetSplit split, ulong stream, int perClass, ToyWorldOptions world)
    {
        var sampler = new ToySceneSampler(Options.Seed, stream, world, holdout: null, only: Classes);
        var scenes = new ToyScene[Classes.Count * perClass];
        var items = new ImageItem[scenes.Length];
        var k = 0;
        for (var label = 0; label < Classes.Count; label++)
        {
            for (var j = 0; j < perClass; j++, k++)
            {
                var scene = sampler.Sample(j, Classes[label]);
                scenes[k] = scene;
                items[k] = new ImageItem($"toyworld://{Options.Seed}/{SplitName(split)}/{k}", label, ClassNames[label])
                {
                    Source = () => ToyRenderer.RenderCached(scene, world),
                };
            }
        }

        _scenes[(int)split] = scenes;
        return items;
    }

    private static string SplitName(ToyDatasetSplit split) => split switch
    {
        ToyDatasetSplit.Train => "train",
        ToyDatasetSplit.Val => "val",
        ToyDatasetSplit.Test => "test",
        _ => throw new ArgumentOutOfRangeException(nameof(split), split, "Not a defined ToyDatasetSplit."),
    };
}
