using MaPLe.Data;
using MaPLe.Evaluation;
using MaPLe.Tests.Training;
using MaPLe.Training;
using MaPLe.Tuning;
using static TorchSharp.torch;

namespace MaPLe.Tests.Tuning;

/// <summary>
/// Every FitAsync/EvaluateAsync overload checks labels against the class list before the first step and names the first
/// bad item (issue #12), instead of libtorch's "Target 5 is out of bounds".
/// </summary>
public sealed class LabelValidationTests : IDisposable
{
    private static readonly TrainingOptions OneEpoch = new() { IntraOpThreads = 1, Epochs = 1, LogEverySteps = 0, BatchSize = 2 };
    private readonly SyntheticData _data = new(classes: 3, perClass: 2);   // labels 0,1,2,0,1,2
    private readonly PromptTuner _tuner;
    private readonly Tensor _badLabels;

    public LabelValidationTests()
    {
        _tuner = TinyTuners.Create(_data.ClassNames);
        _badLabels = tensor(new long[] { 0, 1, 2, 0, 5, 2 }, ScalarType.Int64);
    }

    public void Dispose()
    {
        _badLabels.Dispose();
        _tuner.Dispose();
        _data.Dispose();
    }

    // Items whose files do not exist: the check must come before any image is read.
    private static readonly ImageItem[] BadItems =
    [
        new("missing/a.png", 0, "red square"), new("missing/b.png", 1, "green square"), new("missing/c.png", 3, "blue circle"),
    ];

    public static TheoryData<string> Overloads() =>
    [
        "Fit(source)", "Fit(batches)", "Fit(items)", "Fit(dataset)",
        "Evaluate(source)", "Evaluate(batches)", "Evaluate(items)", "Evaluate(target)",
        "Base2Novel(targets)", "Base2Novel(datasets)", "Transfer(targets)", "Transfer(datasets)",
    ];

    [Theory]
    [MemberData(nameof(Overloads))]
    public async Task ALabelOutsideTheClassesIsNamedBeforeTheFirstStep(string overload)
    {
        var dataset = new ListDataset("bad", _data.ClassNames, BadItems);
        var good = new EvaluationTarget("good", _data.ClassNames, new TensorBatchSource(_data.Images, _data.Labels, 2));
        var bad = new EvaluationTarget("bad", _data.ClassNames, new TensorBatchSource(_data.Images, _badLabels, 2));
        var progress = new List<TrainingProgress>();
        var fitProgress = new SyncProgress<TrainingProgress>(progress.Add);
        Func<Task> call = overload switch
        {
            "Fit(source)" => () => _tuner.FitAsync(new TensorBatchSource(_data.Images, _badLabels, 2), OneEpoch, fitProgress),
            "Fit(batches)" => () => _tuner.FitAsync([(_data.Images, _data.Labels), (_data.Images, _badLabels)], OneEpoch, fitProgress),
            "Fit(items)" => () => _tuner.FitAsync(BadItems, OneEpoch, fitProgress),
            "Fit(dataset)" => () => _tuner.FitAsync(dataset, OneEpoch, fitProgress),
            "Evaluate(source)" => () => _tuner.EvaluateAsync(new TensorBatchSource(_data.Images, _badLabels, 2)),
            "Evaluate(batches)" => () => _tuner.EvaluateAsync([(_data.Images, _badLabels)]),
            "Evaluate(items)" => () => _tuner.EvaluateAsync(BadItems),
            "Evaluate(target)" => () => _tuner.EvaluateAsync(bad),
            "Base2Novel(targets)" => () => _tuner.EvaluateBase2NovelAsync(good, bad),
            "Base2Novel(datasets)" => () => _tuner.EvaluateBase2NovelAsync(new ListDataset("base", _data.ClassNames, []), dataset),
            "Transfer(targets)" => () => _tuner.EvaluateTransferAsync("MaPLe", good, [good, bad]),
            "Transfer(datasets)" => () => _tuner.EvaluateTransferAsync("MaPLe", null, [dataset]),
            _ => throw new ArgumentOutOfRangeException(nameof(overload)),
        };
        var before = TinyTuners.Snapshot(_tuner);

        var e = await Assert.ThrowsAnyAsync<ArgumentException>(call);

        bool items = overload.Contains("items") || overload.Contains("dataset");
        Assert.Contains(items ? "Item 2 ('missing/c.png') has label 3" : "image 4 has label 5", e.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("outside the 3 classes", e.Message);
        Assert.Empty(progress);                                        // no step was taken
        using (var after = new DisposingDictionary(TinyTuners.Snapshot(_tuner)))
            Assert.Equal(0, TinyTuners.MaxAbsDiff(before, after.Tensors));
        TinyTuners.DisposeAll(before);
    }

    [Fact]
    public async Task ACustomSourceIsCheckedPerBatchBeforeTheBatchIsUsed()
    {
        var source = new ReplayingSource([(_data.Images, _data.Labels), (_data.Images, _badLabels)]);
        var progress = new List<TrainingProgress>();
        var e = await Assert.ThrowsAsync<ArgumentException>(() => _tuner.FitAsync(source, OneEpoch, new SyncProgress<TrainingProgress>(progress.Add)));
        Assert.Contains("Epoch 1, batch 2, image 4 has label 5", e.Message);
        Assert.Single(progress);                                       // the good first batch ran, the bad one did not
    }

    private sealed record ListDataset(string Name, IReadOnlyList<string> ClassNames, IReadOnlyList<ImageItem> Test) : IImageDataset
    {
        public IReadOnlyList<ImageItem> Train => Test;
        public IReadOnlyList<ImageItem> Val => [];
    }

    /// <summary>A batch source the library does not know (its labels are only seen batch by batch).</summary>
    private sealed class ReplayingSource((Tensor Images, Tensor Labels)[] batches) : IBatchSource
    {
        public int BatchesPerEpoch => batches.Length;

        public IEnumerable<LabeledBatch> ReadEpoch(int epoch, CancellationToken cancellationToken = default) =>
            batches.Select(b => new LabeledBatch(b.Images, b.Labels, ownsTensors: false));
    }

    private sealed class DisposingDictionary(Dictionary<string, Tensor> tensors) : IDisposable
    {
        public Dictionary<string, Tensor> Tensors { get; } = tensors;
        public void Dispose() => TinyTuners.DisposeAll(Tensors);
    }
}
