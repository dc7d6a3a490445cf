namespace MaPLe.Training;

/// <summary>
/// The trainer's position and settings stored in a checkpoint (JSON metadata): enough to continue a run exactly where it
/// stopped and to refuse a resume that would not reproduce it.
/// </summary>
public sealed record TrainingCheckpointInfo
{
    /// <summary>Checkpoint format version.</summary>
    public int FormatVersion { get; init; } = 1;

    /// <summary>Method identifier of the prompts.</summary>
    public required string Method { get; init; }

    /// <summary>Fingerprint of the frozen CLIP.</summary>
    public required string BackboneFingerprint { get; init; }

    /// <summary>Training classes in label order.</summary>
    public required IReadOnlyList<string> ClassNames { get; init; }

    /// <summary>Epoch to run next, 0-based (equals <see cref="Epochs"/> when the run finished).</summary>
    public int NextEpoch { get; init; }

    /// <summary>Step of <see cref="NextEpoch"/> to run next, 0-based (non-zero after a mid-epoch cancellation).</summary>
    public int NextStep { get; init; }

    /// <summary>Optimizer steps done.</summary>
    public long GlobalStep { get; init; }

    /// <summary>Epochs of the run.</summary>
    public int Epochs { get; init; }

    /// <summary>Batches per epoch of the data the run used.</summary>
    public int StepsPerEpoch { get; init; }

    /// <summary>The schedule's <see cref="ILearningRateSchedule.Description"/>.</summary>
    public required string Schedule { get; init; }

    /// <summary>SGD momentum.</summary>
    public double Momentum { get; init; }

    /// <summary>SGD weight decay.</summary>
    public double WeightDecay { get; init; }

    /// <summary>SGD dampening.</summary>
    public double Dampening { get; init; }

    /// <summary>Nesterov momentum.</summary>
    public bool Nesterov { get; init; }

    /// <summary>Seed of the run.</summary>
    public int Seed { get; init; }

    /// <summary>Sum of the step losses of the unfinished epoch.</summary>
    public double EpochLossSum { get; init; }

    /// <summary>Correct predictions in the unfinished epoch.</summary>
    public long EpochCorrect { get; init; }

    /// <summary>Images of the unfinished epoch.</summary>
    public int EpochImages { get; init; }

    /// <summary>Steps of the unfinished epoch.</summary>
    public int EpochSteps { get; init; }

    /// <summary>Every step so far.</summary>
    public IReadOnlyList<StepRecord> Steps { get; init; } = [];

    /// <summary>Sums of each named loss component over the unfinished epoch's steps (for its means after a resume).</summary>
    public IReadOnlyDictionary<string, double> EpochComponentSums { get; init; } = new Dictionary<string, double>();

    /// <summary>Every finished epoch so far.</summary>
    public IReadOnlyList<EpochRecord> EpochHistory { get; init; } = [];

    /// <summary>Whether the run finished all its epochs.</summary>
    public bool Completed => NextEpoch >= Epochs;
}
