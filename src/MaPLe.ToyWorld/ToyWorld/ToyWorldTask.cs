using MaPLe.Data;

namespace MaPLe.ToyWorld;

/// <summary>
/// The downstream base-to-novel task of the samples (QuickStart, the <c>maple</c> CLI's <c>toyworld</c> dataset, the
/// notebooks): the class split the shipped tiny CLIP was pretrained with — its novel colour×shape pairs were held out of
/// pretraining — seen through <see cref="ToyCamera.Shifted"/>, a colour response the tiny CLIP never saw.
/// </summary>
public static class ToyWorldTask
{
    /// <summary>The seed of <see cref="ToyWorldSplits.CreateDefault"/> that samples/PretrainTinyClip held out.</summary>
    public const int PretrainingSplitSeed = 0;

    /// <summary>The rendering of the downstream images.</summary>
    public static ToyWorldOptions World { get; } = new() { Camera = ToyCamera.Shifted };

    /// <summary>The base and novel classes.</summary>
    public static ToyClassSplit Split => ToyWorldSplits.CreateDefault(PretrainingSplitSeed);

    /// <summary>One class subset: <paramref name="shots"/> training images per class, <paramref name="testPerClass"/> test images.</summary>
    public static ToyWorldDataset Create(ClassSubset subset, int shots, int testPerClass, int seed)
    {
        var split = Split;
        var classes = subset switch
        {
            ClassSubset.Base => split.BaseClasses,
            ClassSubset.Novel => split.NovelClasses,
            _ => split.AllClasses,
        };
        return new ToyWorldDataset(new ToyWorldDatasetOptions
        {
            Classes = classes, Seed = 1000 + seed, TrainPerClass = shots, ValPerClass = 0, TestPerClass = testPerClass,
            World = World, Name = $"ToyWorld-{subset.ToString().ToLowerInvariant()}",
        });
    }

    /// <summary>The base dataset (training and test images) and the novel dataset (test images) of the protocol.</summary>
    public static (ToyWorldDataset Base, ToyWorldDataset Novel) CreateBaseToNovel(int shots, int testPerClass, int seed) =>
        (Create(ClassSubset.Base, shots, testPerClass, seed), Create(ClassSubset.Novel, 1, testPerClass, seed));
}
