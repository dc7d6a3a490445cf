using MaPLe.Data;
using MaPLe.Data.Loading;
using MaPLe.Imaging;
using TorchSharp;

namespace MaPLe.Tests.Data;

public class ImageBatchLoaderTests
{
    private const int N = 4;

    /// <summary>Writes <paramref name="count"/> PPM images; item i has id i and label i mod 3.</summary>
    private static List<ImageItem> WriteItems(TempDir dir, int count)
    {
        var items = new List<ImageItem>();
        for (int i = 0; i < count; i++)
        {
            var path = dir.Combine($"{i}.ppm");
            TestImages.Write(path, i);
            items.Add(new ImageItem(path, i % 3, $"c{i % 3}"));
        }
        return items;
    }

    private static ImageBatchLoader Loader(IReadOnlyList<ImageItem> items, ImageBatchLoaderOptions options, IImageTransform? transform = null) =>
        new(items, new PpmTestDecoder(), transform ?? new NearestTestTransform(N), options);

    /// <summary>Per batch: the ids read back from the image tensor (pixel 0 of channels R, G).</summary>
    private static List<int[]> ReadAll(ImageBatchLoader loader, int epoch = 0, Action<LabeledBatch>? check = null)
    {
        var result = new List<int[]>();
        foreach (var batch in loader.ReadEpoch(epoch))
        {
            using (batch)
            {
                check?.Invoke(batch);
                var px = batch.Images.data<float>().ToArray();
                int per = 3 * N * N;
                result.Add(Enumerable.Range(0, batch.Count).Select(b => TestImages.IdOf(px[b * per], px[b * per + N * N])).ToArray());
            }
        }
        return result;
    }

    [Fact]
    public void Evaluation_CoversEveryItemOnceInOrder_WithShapesAndDtypes()
    {
        using var dir = new TempDir();
        var items = WriteItems(dir, 10);
        var loader = Loader(items, ImageBatchLoaderOptions.ForEvaluation(3) with { Workers = 3 });
        Assert.Equal(10, loader.Count);
        Assert.Equal(4, loader.BatchesPerEpoch);
        var labels = new List<long>();
        var batches = ReadAll(loader, check: b =>
        {
            Assert.Equal(torch.ScalarType.Float32, b.Images.dtype);
            Assert.Equal(torch.ScalarType.Int64, b.Labels.dtype);
            Assert.Equal([b.Count, 3L, N, N], b.Images.shape);
            Assert.Equal([(long)b.Count], b.Labels.shape);
            labels.AddRange(b.Labels.data<long>().ToArray());
            Assert.Equal(b.Indices!.Select(i => items[i]), b.Items);
        });
        Assert.Equal([3, 3, 3, 1], batches.Select(b => b.Length));
        Assert.Equal(Enumerable.Range(0, 10), batches.SelectMany(b => b));
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (long)(i % 3)), labels);
    }

    [Fact]
    public void Training_ShufflesDeterministicallyAndDropsTheLastPartialBatch()
    {
        using var dir = new TempDir();
        var items = WriteItems(dir, 10);
        var options = ImageBatchLoaderOptions.ForTraining(3, items.Count, seed: 5);
        Assert.True(options.DropLast);
        var a = ReadAll(Loader(items, options with { Workers = 1 }));
        var b = ReadAll(Loader(items, options with { Workers = 4, PrefetchBatches = 1 }));
        Assert.Equal(3, a.Count);
        Assert.All(a, batch => Assert.Equal(3, batch.Length));
        Assert.Equal(a.SelectMany(x => x), b.SelectMany(x => x)); // same seed, any worker count: same order
        Assert.Equal(9, a.SelectMany(x => x).Distinct().Count());
        Assert.NotEqual(Enumerable.Range(0, 9), a.SelectMany(x => x));

        var loader = Loader(items, options);
        Assert.NotEqual(loader.EpochOrder(0), loader.EpochOrder(1));
        Assert.Equal(loader.EpochOrder(1), Loader(items, options).EpochOrder(1));
        Assert.NotEqual(loader.EpochOrder(0), Loader(items, options with { Seed = 6 }).EpochOrder(0));
        Assert.Equal(Enumerable.Range(0, 10), loader.EpochOrder(3).Order());
    }

    [Fact]
    public void Training_WithFewerItemsThanBatchSize_KeepsTheOnlyBatch()
    {
        using var dir = new TempDir();
        var items = WriteItems(dir, 2);
        var options = ImageBatchLoaderOptions.ForTraining(4, items.Count, seed: 1);
        Assert.False(options.DropLast);
        var batches = ReadAll(Loader(items, options));
        Assert.Equal([0, 1], Assert.Single(batches).Order());
    }

    [Fact]
    public void PerSampleRandomness_DependsOnSeedEpochAndIndexOnly()
    {
        using var dir = new TempDir();
        var items = WriteItems(dir, 12);
        var transform = new NearestTestTransform(N, randomOffset: true);
        var options = ImageBatchLoaderOptions.ForTraining(4, items.Count, seed: 9);

        Dictionary<int, float> Offsets(ImageBatchLoader loader, int epoch)
        {
            var map = new Dictionary<int, float>();
            foreach (var batch in loader.ReadEpoch(epoch))
                using (batch)
                {
                    var px = batch.Images.data<float>().ToArray();
                    for (int k = 0; k < batch.Count; k++)
                        map[batch.Indices![k]] = px[k * 3 * N * N + 2 * N * N] - 200f / 255f;
                }
            return map;
        }

        var one = Loader(items, options with { Workers = 1 }, transform);
        var many = Loader(items, options with { Workers = 3, PrefetchBatches = 2 }, transform);
        var o1 = Offsets(one, 2);
        Assert.Equal(o1, Offsets(many, 2));
        Assert.Equal((float)new Random(one.SampleSeed(2, 7)).NextDouble(), o1[7], 1e-6f);
        Assert.NotEqual(o1[7], Offsets(one, 3)[7]);
    }

    [Fact]
    public void BrokenImage_FailFast_ThrowsNamingTheFileAfterEarlierBatches()
    {
        using var dir = new TempDir();
        var items = WriteItems(dir, 9);
        TestImages.WriteBroken(items[7].Path);
        var loader = Loader(items, ImageBatchLoaderOptions.ForEvaluation(3) with { Workers = 3 });
        var seen = new List<int>();
        var e = Assert.Throws<ImageDecodeException>(() =>
        {
            foreach (var batch in loader.ReadEpoch(0))
                using (batch)
                    seen.AddRange(batch.Indices!);
        });
        Assert.Equal(items[7].Path, e.FilePath);
        Assert.Equal(Enumerable.Range(0, 6), seen);
    }

    [Fact]
    public void BrokenImage_Skip_LeavesItOutAndReportsIt()
    {
        using var dir = new TempDir();
        var items = WriteItems(dir, 9);
        TestImages.WriteBroken(items[4].Path);
        File.Delete(items[8].Path);
        var loader = Loader(items, ImageBatchLoaderOptions.ForEvaluation(3) with { BrokenImages = BrokenImagePolicy.Skip, Workers = 2 });
        var events = new List<SkippedImage>();
        loader.ImageSkipped += (_, s) => events.Add(s);

        var batches = ReadAll(loader);
        Assert.Equal([3, 2, 2], batches.Select(b => b.Length));
        Assert.Equal([0, 1, 2, 3, 5, 6, 7], batches.SelectMany(b => b)); // pixel ids: no placeholder image anywhere
        Assert.Equal([4, 8], loader.Skipped.Select(s => s.Index));
        Assert.Equal(loader.Skipped, events);
        Assert.Equal("not a binary PPM", loader.Skipped[0].Reason);
        Assert.Equal(items[8], loader.Skipped[1].Item);
    }

    [Fact]
    public void Skip_AllBrokenBatch_IsNotYielded()
    {
        using var dir = new TempDir();
        var items = WriteItems(dir, 4);
        TestImages.WriteBroken(items[2].Path);
        TestImages.WriteBroken(items[3].Path);
        var loader = Loader(items, ImageBatchLoaderOptions.ForEvaluation(2) with { BrokenImages = BrokenImagePolicy.Skip });
        Assert.Equal([0, 1], Assert.Single(ReadAll(loader)));
    }

    [Fact]
    public void Cancellation_StopsTheEpoch()
    {
        using var dir = new TempDir();
        var items = WriteItems(dir, 20);
        var loader = Loader(items, ImageBatchLoaderOptions.ForEvaluation(2) with { Workers = 2 });
        using var cts = new CancellationTokenSource();
        int consumed = 0;
        Assert.ThrowsAny<OperationCanceledException>(() =>
        {
            foreach (var batch in loader.ReadEpoch(0, cts.Token))
            {
                batch.Dispose();
                consumed++;
                cts.Cancel();
            }
        });
        Assert.Equal(1, consumed);

        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => loader.ReadEpoch(0, cancelled.Token).First());
    }

    [Fact]
    public void BreakingOut_StopsWorkersAndTheLoaderIsReusable()
    {
        using var dir = new TempDir();
        var items = WriteItems(dir, 12);
        var loader = Loader(items, ImageBatchLoaderOptions.ForEvaluation(2) with { Workers = 3, PrefetchBatches = 2 });
        foreach (var batch in loader.ReadEpoch(0))
        {
            batch.Dispose();
            break;
        }
        Assert.Equal(Enumerable.Range(0, 12), ReadAll(loader).SelectMany(b => b));
    }

    [Fact]
    public void ItemSource_IsUsedInsteadOfTheDecoder()
    {
        var decoder = new PpmTestDecoder();
        var items = Enumerable.Range(0, 5).Select(i => new ImageItem($"generated:{i}", 0, "g") { Source = () => TestImages.Image(i + 40) }).ToList();
        var loader = new ImageBatchLoader(items, decoder, new NearestTestTransform(N), ImageBatchLoaderOptions.ForEvaluation(5));
        Assert.Equal([40, 41, 42, 43, 44], Assert.Single(ReadAll(loader)));
        Assert.Equal(0, decoder.Calls);
    }

    [Fact]
    public void Batch_Dispose_FreesItsTensors()
    {
        var items = new List<ImageItem> { new("g", 1, "g") { Source = () => TestImages.Image(1) } };
        var loader = new ImageBatchLoader(items, new PpmTestDecoder(), new NearestTestTransform(N), ImageBatchLoaderOptions.ForEvaluation(1));
        var batch = loader.ReadEpoch(0).Single();
        batch.Dispose();
        Assert.True(batch.Images.IsInvalid);
        Assert.True(batch.Labels.IsInvalid);
    }

    [Fact]
    public void Batch_OutlivesTheConsumersDisposeScope()
    {
        var items = new List<ImageItem> { new("g", 2, "g") { Source = () => TestImages.Image(3) } };
        var loader = new ImageBatchLoader(items, new PpmTestDecoder(), new NearestTestTransform(N), ImageBatchLoaderOptions.ForEvaluation(1));
        LabeledBatch batch;
        using (torch.NewDisposeScope())
            batch = loader.ReadEpoch(0).Single();
        using (batch)
        {
            Assert.False(batch.Images.IsInvalid);
            Assert.Equal(2L, batch.Labels[0].item<long>());
        }
    }

    [Fact]
    public void WrongTransformOutputShape_IsReported()
    {
        var items = new List<ImageItem> { new("g", 0, "g") { Source = () => TestImages.Image(1) } };
        var lying = new ResolutionOverride(new NearestTestTransform(N), N + 1);
        var loader = new ImageBatchLoader(items, new PpmTestDecoder(), lying, ImageBatchLoaderOptions.ForEvaluation(1));
        var e = Assert.Throws<InvalidOperationException>(() => loader.ReadEpoch(0).ToList());
        Assert.Contains($"[3, {N + 1}, {N + 1}]", e.Message);
    }

    [Fact]
    public void InvalidOptions_AreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Loader([], new ImageBatchLoaderOptions { BatchSize = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => Loader([], new ImageBatchLoaderOptions { Workers = 0 }));
        Assert.Empty(Loader([], new ImageBatchLoaderOptions()).ReadEpoch(0));
    }

    private sealed class ResolutionOverride(IImageTransform inner, int resolution) : IImageTransform
    {
        public int Resolution => resolution;

        public torch.Tensor Apply(RgbImage image, Random random) => inner.Apply(image, random);
    }
}
