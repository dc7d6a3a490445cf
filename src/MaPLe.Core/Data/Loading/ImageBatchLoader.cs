using System.Runtime.InteropServices;
using MaPLe.Data.Sampling;
using MaPLe.Imaging;
using TorchSharp;
using static TorchSharp.torch;

namespace MaPLe.Data.Loading;

/// <summary>
/// Turns a list of <see cref="ImageItem"/>s into <see cref="LabeledBatch"/>es (images float32 [B,3,N,N], labels int64
/// [B]): worker threads decode whole batches ahead of the consumer (a bounded prefetch window) and transform each image
/// straight into its slot of the batch tensor (<see cref="IImageTransform.ApplyInto"/>: no per-image tensor, no managed
/// copy). A worker thread has no dispose scope, so the batch tensors belong to no scope: the batch owns them and the
/// consumer disposes it.
/// </summary>
/// <remarks>
/// Deterministic whatever the thread scheduling: the epoch order is a SplitMix64 shuffle seeded by (seed, epoch), and each
/// sample's transform gets <c>new Random(s)</c> with s derived from (seed, epoch, item index) (.NET's seeded
/// <see cref="Random"/> algorithm is fixed for compatibility, so s gives the same stream on every run and machine).
/// </remarks>
public sealed class ImageBatchLoader
{
    private readonly ImageItem[] _items;
    private readonly IImageDecoder _decoder;
    private readonly IImageTransform _transform;
    private readonly List<SkippedImage> _skipped = [];
    private readonly Lock _skippedLock = new();

    /// <summary>Creates a loader over <paramref name="items"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Invalid <paramref name="options"/>.</exception>
    public ImageBatchLoader(IReadOnlyList<ImageItem> items, IImageDecoder decoder, IImageTransform transform, ImageBatchLoaderOptions options)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(decoder);
        ArgumentNullException.ThrowIfNull(transform);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (transform.Resolution < 1)
            throw new ArgumentOutOfRangeException(nameof(transform), transform.Resolution, "The transform's Resolution must be positive.");
        _items = items.ToArray();
        _decoder = decoder;
        _transform = transform;
        Options = options;
    }

    /// <summary>Raised on the consuming thread for every image left out under <see cref="BrokenImagePolicy.Skip"/>.</summary>
    public event EventHandler<SkippedImage>? ImageSkipped;

    /// <summary>The settings.</summary>
    public ImageBatchLoaderOptions Options { get; }

    /// <summary>The items, in their original order (batch <see cref="LabeledBatch.Indices"/> point here).</summary>
    public IReadOnlyList<ImageItem> Items => _items;

    /// <summary>Number of items.</summary>
    public int Count => _items.Length;

    /// <summary>Batches per epoch: ⌊n/B⌋ with <see cref="ImageBatchLoaderOptions.DropLast"/>, else ⌈n/B⌉.</summary>
    public int BatchesPerEpoch => Options.DropLast ? Count / Options.BatchSize : (Count + Options.BatchSize - 1) / Options.BatchSize;

    /// <summary>Every image skipped so far (all epochs), in the order the consumer reached them.</summary>
    public IReadOnlyList<SkippedImage> Skipped
    {
        get
        {
            lock (_skippedLock)
                return _skipped.ToArray();
        }
    }

    /// <summary>The item indices in the order epoch <paramref name="epoch"/> visits them.</summary>
    public int[] EpochOrder(int epoch)
    {
        var order = Enumerable.Range(0, Count).ToArray();
        if (Options.Shuffle)
            new SplitMix64(SplitMix64.Derive(Options.Seed, epoch, -1)).Shuffle(order);
        return order;
    }

    /// <summary>The seed of the <see cref="Random"/> a transform gets for item <paramref name="index"/> in <paramref name="epoch"/>.</summary>
    public int SampleSeed(int epoch, int index) => (int)(SplitMix64.Derive(Options.Seed, epoch, index) & int.MaxValue);

    /// <summary>
    /// The batches of epoch <paramref name="epoch"/>, prepared on worker threads while the caller consumes them. Dispose
    /// every batch. Stopping the enumeration early (or cancelling) stops the workers.
    /// </summary>
    /// <exception cref="ImageDecodeException">Under <see cref="BrokenImagePolicy.FailFast"/>, when the batch holding an
    /// unreadable image is reached (earlier batches are yielded first).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public IEnumerable<LabeledBatch> ReadEpoch(int epoch, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(epoch);
        return Iterate(epoch, cancellationToken);
    }

    private IEnumerable<LabeledBatch> Iterate(int epoch, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var plan = PlanBatches(epoch);
        if (plan.Length == 0)
            yield break;
        using var run = new EpochRun<(LabeledBatch? Batch, List<SkippedImage> Skipped)>(plan.Length, Options.Workers, Options.EffectivePrefetch,
            (j, token) => Prepare(plan[j], j, epoch, token), prepared => prepared.Batch?.Dispose(), cancellationToken);
        for (int i = 0; i < plan.Length; i++)
        {
            var (batch, skipped) = run.Take(i);
            Report(skipped);
            if (batch is not null)
                yield return batch;
        }
    }

    private int[][] PlanBatches(int epoch)
    {
        var order = EpochOrder(epoch);
        int b = Options.BatchSize;
        return Enumerable.Range(0, BatchesPerEpoch)
            .Select(k => order.AsSpan(k * b, Math.Min(b, order.Length - k * b)).ToArray())
            .ToArray();
    }

    // On a worker thread: decodes each image and transforms it into its slot of the batch tensor. Broken images under
    // Skip leave no gap: the kept ones are packed at the front and the batch is cut to them.
    private (LabeledBatch? Batch, List<SkippedImage> Skipped) Prepare(int[] indices, int batchIndex, int epoch, CancellationToken token)
    {
        int n = _transform.Resolution;
        int per = 3 * n * n;
        var kept = new List<int>(indices.Length);
        var skipped = new List<SkippedImage>();
        var images = empty([indices.Length, 3, n, n], ScalarType.Float32);
        try
        {
            foreach (int index in indices)
            {
                token.ThrowIfCancellationRequested();
                var item = _items[index];
                var image = Decode(item, index, epoch, skipped);
                if (image is null)
                    continue;
                var slot = MemoryMarshal.Cast<byte, float>(images.bytes).Slice(kept.Count * per, per);
                try
                {
                    _transform.ApplyInto(image, new Random(SampleSeed(epoch, index)), slot);
                }
                catch (InvalidOperationException e)
                {
                    throw new InvalidOperationException($"{e.Message} Image: '{item.Path}'.", e);
                }
                kept.Add(index);
            }
        }
        catch
        {
            images.Dispose();
            throw;
        }
        if (kept.Count == 0)
        {
            images.Dispose();
            return (null, skipped);
        }
        if (kept.Count < indices.Length)
        {
            var packed = images.narrow(0, 0, kept.Count);
            images.Dispose();
            images = packed;
        }
        var labels = tensor(kept.Select(i => (long)_items[i].Label).ToArray(), ScalarType.Int64);
        var batch = new LabeledBatch(images, labels, ownsTensors: true)
        {
            Items = kept.Select(i => _items[i]).ToArray(),
            Indices = kept.ToArray(),
            Epoch = epoch,
            BatchIndex = batchIndex,
        };
        return (batch, skipped);
    }

    private RgbImage? Decode(ImageItem item, int index, int epoch, List<SkippedImage> skipped)
    {
        try
        {
            return item.Source is { } source ? source() : _decoder.Decode(item.Path);
        }
        catch (Exception e) when (e is ImageDecodeException or IOException or UnauthorizedAccessException or InvalidDataException)
        {
            var decodeError = e as ImageDecodeException ?? new ImageDecodeException(item.Path, e.Message, e);
            if (Options.BrokenImages == BrokenImagePolicy.FailFast)
                throw decodeError;
            skipped.Add(new SkippedImage(item, index, epoch, decodeError.Reason));
            return null;
        }
    }

    private void Report(List<SkippedImage> skipped)
    {
        if (skipped.Count == 0)
            return;
        lock (_skippedLock)
            _skipped.AddRange(skipped);
        foreach (var s in skipped)
            ImageSkipped?.Invoke(this, s);
    }
}
