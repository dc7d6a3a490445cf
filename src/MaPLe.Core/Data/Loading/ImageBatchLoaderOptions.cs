namespace MaPLe.Data.Loading;

/// <summary>Settings of an <see cref="ImageBatchLoader"/>; <see cref="ForTraining"/> and <see cref="ForEvaluation"/> give upstream's.</summary>
public sealed record ImageBatchLoaderOptions
{
    /// <summary>Images per batch.</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>Shuffle the items every epoch (seeded by <see cref="Seed"/> and the epoch).</summary>
    public bool Shuffle { get; init; }

    /// <summary>Leave out the last, incomplete batch.</summary>
    public bool DropLast { get; init; }

    /// <summary>Seed of the epoch shuffles and of the per-sample generators handed to random transforms.</summary>
    public int Seed { get; init; }

    /// <summary>Threads decoding and transforming (each builds whole batches).</summary>
    public int Workers { get; init; } = Math.Clamp(Environment.ProcessorCount, 1, 8);

    /// <summary>
    /// Batches prepared or in preparation ahead of the consumer at most (bounds memory: each holds B × 3 × N × N floats);
    /// 0 = <see cref="Workers"/> + 2, enough to keep every worker busy.
    /// </summary>
    public int PrefetchBatches { get; init; }

    /// <summary>What to do with unreadable images.</summary>
    public BrokenImagePolicy BrokenImages { get; init; } = BrokenImagePolicy.FailFast;

    /// <summary>The prefetch depth actually used.</summary>
    public int EffectivePrefetch => PrefetchBatches > 0 ? PrefetchBatches : Workers + 2;

    /// <summary>
    /// Upstream's training loader (Dassl <c>build_data_loader</c> with <c>RandomSampler</c>): shuffled, and
    /// <c>drop_last = len(data) &gt;= batch_size</c>.
    /// </summary>
    public static ImageBatchLoaderOptions ForTraining(int batchSize, int itemCount, int seed) =>
        new() { BatchSize = batchSize, Shuffle = true, DropLast = itemCount >= batchSize, Seed = seed };

    /// <summary>Upstream's test loader (<c>SequentialSampler</c>): in order, nothing dropped.</summary>
    public static ImageBatchLoaderOptions ForEvaluation(int batchSize) =>
        new() { BatchSize = batchSize, Shuffle = false, DropLast = false };

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (BatchSize < 1)
            throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "BatchSize must be at least 1.");
        if (Workers < 1)
            throw new ArgumentOutOfRangeException(nameof(Workers), Workers, "Workers must be at least 1.");
        if (PrefetchBatches < 0)
            throw new ArgumentOutOfRangeException(nameof(PrefetchBatches), PrefetchBatches, "PrefetchBatches must be 0 (automatic) or positive.");
        if (!Enum.IsDefined(BrokenImages))
            throw new ArgumentOutOfRangeException(nameof(BrokenImages), BrokenImages, "Unknown BrokenImagePolicy.");
    }
}
