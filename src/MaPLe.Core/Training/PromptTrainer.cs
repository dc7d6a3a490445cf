using MaPLe.Prompting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using static TorchSharp.torch;

namespace MaPLe.Training;

/// <summary>
/// Trains a prompt learner (any <see cref="IPromptLearner"/>) on a batch source, as Hugging Face's <c>Trainer(model,
/// args, dataset)</c>: the learner supplies its loss, backward and epoch hooks, the trainer owns the loop — SGD with
/// PyTorch semantics, Dassl's cosine schedule with constant warm-up, checkpoints, resume, the non-finite check. The
/// learner knows nothing of the trainer; <c>PromptTuner.FitAsync</c> is a thin facade over this class.
/// </summary>
public sealed class PromptTrainer
{
    private readonly IPromptLearner _learner;
    private readonly TrainingOptions _options;
    private readonly ILogger _logger;

    /// <summary>Creates a trainer for <paramref name="learner"/> with validated <paramref name="options"/>.</summary>
    /// <exception cref="ArgumentException">Invalid options (the message names the setting).</exception>
    public PromptTrainer(IPromptLearner learner, TrainingOptions options, ILogger<PromptTrainer>? logger = null)
    {
        _learner = learner ?? throw new ArgumentNullException(nameof(learner));
        _options = (options ?? throw new ArgumentNullException(nameof(options))).Validate();
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>The settings in use.</summary>
    public TrainingOptions Options => _options;

    /// <summary>
    /// Trains on <paramref name="trainData"/>. The whole loop runs on one dedicated thread; the token is checked between
    /// steps (a cancelled run writes a checkpoint when <see cref="TrainingOptions.CheckpointDirectory"/> is set, then
    /// throws <see cref="OperationCanceledException"/>). Labels are checked against the learner's classes before the
    /// first step.
    /// </summary>
    /// <exception cref="NonFiniteLossException">The loss or a gradient became NaN/Inf (prompts rolled back).</exception>
    /// <exception cref="TrainingCheckpointException">The checkpoint to resume from is missing or belongs to another run.</exception>
    /// <exception cref="InvalidOperationException">The learner is already training or evaluating, or has nothing to train.</exception>
    public Task<TrainingResult> FitAsync(IBatchSource trainData, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(trainData);
        LabelCheck.RequireKnown(trainData, _learner.ClassNames, nameof(trainData));
        return LearnerJobs.RunAsync(_learner, "FitAsync",
            () => WithThreads(() => new TrainingRun(_learner, trainData, _options, progress, _logger, cancellationToken).Run()), cancellationToken,
            checkFirst: false);   // a run cancelled before it starts still writes its checkpoint (at step 0)
    }

    private T WithThreads<T>(Func<T> job)
    {
        if (_options.IntraOpThreads is not { } threads)
            return job();
        int previous = get_num_threads();
        set_num_threads(threads);
        try { return job(); }
        finally { set_num_threads(previous); }
    }
}
