namespace MaPLe.Training;

/// <summary>When the learning rate changes.</summary>
public enum ScheduleGranularity
{
    /// <summary>Once per epoch, as Dassl executes it for every paper config (the default).</summary>
    PerEpoch,

    /// <summary>At every optimizer step (the cosine follows fractional epochs; smoother for few long epochs).</summary>
    PerStep,
}

/// <summary>
/// How <c>PromptTuner.FitAsync</c> trains: SGD with PyTorch semantics and Dassl's cosine schedule with constant warm-up.
/// Defaults are MaPLe's base-to-novel config (reference §3.1); <see cref="TrainingPresets"/> holds every paper config.
/// </summary>
public sealed record TrainingOptions
{
    /// <summary>Training epochs (OPTIM.MAX_EPOCH; 5 for MaPLe base-to-novel).</summary>
    public int Epochs { get; init; } = 5;

    /// <summary>Images per batch when the trainer builds the loader from a dataset (in-memory batches keep their own size).</summary>
    public int BatchSize { get; init; } = 4;

    /// <summary>Peak learning rate (OPTIM.LR).</summary>
    public double LearningRate { get; init; } = 0.0035;

    /// <summary>SGD momentum (Dassl default 0.9).</summary>
    public double Momentum { get; init; } = 0.9;

    /// <summary>SGD weight decay, added to the gradient as PyTorch does (Dassl default 5e-4).</summary>
    public double WeightDecay { get; init; } = 5e-4;

    /// <summary>SGD dampening (Dassl default 0).</summary>
    public double Dampening { get; init; }

    /// <summary>Nesterov momentum (Dassl default false).</summary>
    public bool Nesterov { get; init; }

    /// <summary>Epochs at the constant warm-up rate before the cosine starts (WARMUP_EPOCH, 1 in every paper config; 0 = none).</summary>
    public int WarmupEpochs { get; init; } = 1;

    /// <summary>The constant warm-up rate (WARMUP_CONS_LR, 1e-5).</summary>
    public double WarmupLearningRate { get; init; } = 1e-5;

    /// <summary>
    /// Whether the cosine restarts at its peak after warm-up (WARMUP_RECOUNT, Dassl default true: epoch e ≥ W runs at
    /// <c>lr·(1+cos(π(e−W)/E))/2</c>); false continues the cosine as if warm-up had been part of it.
    /// </summary>
    public bool WarmupRecount { get; init; } = true;

    /// <summary>Whether the schedule moves per epoch (default, as upstream) or per step.</summary>
    public ScheduleGranularity ScheduleStep { get; init; } = ScheduleGranularity.PerEpoch;

    /// <summary>A custom schedule replacing the cosine one built from the options above (e.g. explicit per-step rates).</summary>
    public ILearningRateSchedule? Schedule { get; init; }

    /// <summary>Seed of torch's RNG and of the data order; null uses the tuner's seed, or 1.</summary>
    public int? Seed { get; init; }

    /// <summary>Where checkpoints go (<c>checkpoint.safetensors</c>, final <c>prompts.safetensors</c>); null writes none.</summary>
    public string? CheckpointDirectory { get; init; }

    /// <summary>Write a checkpoint every this many epochs (the last epoch and a cancellation always write one).</summary>
    public int CheckpointEveryEpochs { get; init; } = 1;

    /// <summary>Resume from this checkpoint (a <c>checkpoint.safetensors</c> file or a folder holding one); it must exist.</summary>
    public string? ResumeFrom { get; init; }

    /// <summary>Resume from <see cref="CheckpointDirectory"/> when it holds a checkpoint, else start fresh (restartable jobs).</summary>
    public bool AutoResume { get; init; }

    /// <summary>Log a step line every this many steps (Dassl's PRINT_FREQ; 0 logs epochs only).</summary>
    public int LogEverySteps { get; init; } = 20;

    /// <summary>Threads decoding and augmenting images when the trainer builds the loader (null: up to 8).</summary>
    public int? DataWorkers { get; init; }

    /// <summary>
    /// libtorch intra-op threads for the training thread (null leaves libtorch's setting, usually one per core). 1 avoids
    /// thread oversubscription when several jobs share few cores; the previous value is restored when training ends.
    /// </summary>
    public int? IntraOpThreads { get; init; }

    /// <summary>Checks every option and reports all problems at once.</summary>
    /// <exception cref="ArgumentException">Names each invalid option and what it must be.</exception>
    public TrainingOptions Validate()
    {
        var problems = new List<string>();
        if (Epochs < 1) problems.Add($"{nameof(Epochs)} must be at least 1 (got {Epochs}).");
        if (BatchSize < 1) problems.Add($"{nameof(BatchSize)} must be at least 1 (got {BatchSize}).");
        if (!(LearningRate > 0) || !double.IsFinite(LearningRate)) problems.Add($"{nameof(LearningRate)} must be positive and finite (got {LearningRate}).");
        if (!(Momentum >= 0) || !double.IsFinite(Momentum)) problems.Add($"{nameof(Momentum)} must be ≥ 0 (got {Momentum}).");
        if (!(WeightDecay >= 0) || !double.IsFinite(WeightDecay)) problems.Add($"{nameof(WeightDecay)} must be ≥ 0 (got {WeightDecay}).");
        if (!(Dampening >= 0 && Dampening <= 1)) problems.Add($"{nameof(Dampening)} must lie in [0, 1] (got {Dampening}).");
        if (Nesterov && (Momentum <= 0 || Dampening != 0)) problems.Add($"{nameof(Nesterov)} needs {nameof(Momentum)} > 0 and {nameof(Dampening)} 0, as in PyTorch.");
        if (WarmupEpochs < 0) problems.Add($"{nameof(WarmupEpochs)} must be ≥ 0 (got {WarmupEpochs}).");
        if (!(WarmupLearningRate >= 0) || !double.IsFinite(WarmupLearningRate)) problems.Add($"{nameof(WarmupLearningRate)} must be ≥ 0 and finite (got {WarmupLearningRate}).");
        if (CheckpointEveryEpochs < 1) problems.Add($"{nameof(CheckpointEveryEpochs)} must be at least 1 (got {CheckpointEveryEpochs}).");
        if (LogEverySteps < 0) problems.Add($"{nameof(LogEverySteps)} must be ≥ 0 (got {LogEverySteps}).");
        if (IntraOpThreads is < 1) problems.Add($"{nameof(IntraOpThreads)} must be at least 1 when set (got {IntraOpThreads}).");
        if (DataWorkers is < 1) problems.Add($"{nameof(DataWorkers)} must be at least 1 when set (got {DataWorkers}).");
        if (AutoResume && string.IsNullOrWhiteSpace(CheckpointDirectory)) problems.Add($"{nameof(AutoResume)} needs {nameof(CheckpointDirectory)}.");
        if (AutoResume && ResumeFrom is not null) problems.Add($"Set either {nameof(ResumeFrom)} or {nameof(AutoResume)}, not both.");
        if (problems.Count > 0)
            throw new ArgumentException("Invalid TrainingOptions: " + string.Join(" ", problems));
        return this;
    }

    /// <summary>The schedule in force: <see cref="Schedule"/> when set, else the cosine-with-warm-up schedule of these options.</summary>
    public ILearningRateSchedule EffectiveSchedule() => Schedule ?? CosineWarmupSchedule.From(this);
}
