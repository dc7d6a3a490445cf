using MaPLe.Data;
using System.Diagnostics;
using MaPLe.Prompting;
using Microsoft.Extensions.Logging;
using static TorchSharp.torch;

namespace MaPLe.Training;

/// <summary>
/// The training loop of one <c>FitAsync</c> call on a learner. Runs synchronously on the caller's thread (FitAsync gives
/// it a dedicated one): every step's tensors live in that step's dispose scope, and nothing is awaited inside it.
/// </summary>
internal sealed class TrainingRun
{
    private readonly IPromptLearner _learner;
    private readonly IBatchSource _source;
    private readonly TrainingOptions _options;
    private readonly IProgress<TrainingProgress>? _progress;
    private readonly ILogger _logger;
    private readonly CancellationToken _cancellationToken;
    private readonly ILearningRateSchedule _schedule;
    private readonly int _seed;

    public TrainingRun(IPromptLearner learner, IBatchSource source, TrainingOptions options, IProgress<TrainingProgress>? progress, ILogger logger, CancellationToken cancellationToken)
    {
        _learner = learner;
        _source = source;
        _options = options;
        _progress = progress;
        _logger = logger;
        _cancellationToken = cancellationToken;
        _schedule = options.EffectiveSchedule();
        _seed = options.Seed ?? 1;
    }

    public TrainingResult Run()
    {
        var clock = Stopwatch.StartNew();
        var learner = _learner;
        int stepsPerEpoch = _source.BatchesPerEpoch;
        if (stepsPerEpoch < 1)
            throw new InvalidOperationException("The training data yields no batch: it is empty, or smaller than the batch size with drop_last.");
        var parameters = learner.StateDict();
        if (parameters.Count == 0)
            throw new InvalidOperationException($"The {learner.Method} method has no trainable parameters: there is nothing to train.");

        using var optimizer = new SgdOptimizer(learner, _options.Momentum, _options.WeightDecay, _options.Dampening, _options.Nesterov);
        var run = new RunState();
        string? resumedFrom = ResolveResumePath();
        if (resumedFrom is not null)
            run = Resume(resumedFrom, optimizer, stepsPerEpoch);
        else
            manual_seed(_seed);

        string? checkpointPath = _options.CheckpointDirectory is { } dir ? Path.Combine(dir, TrainingCheckpoint.FileName) : null;
        if (resumedFrom is not null && run.NextEpoch >= _options.Epochs)
        {
            TrainingLog.AlreadyComplete(_logger, resumedFrom, _options.Epochs);
            return new TrainingResult(run.History.Clone(), _options.Epochs, 0, clock.Elapsed, resumedFrom, checkpointPath is not null && File.Exists(checkpointPath) ? checkpointPath : null, null);
        }

        if (_logger.IsEnabled(LogLevel.Information))
        {
            // Guarded above; CA1873 does not see IsEnabled guards around [LoggerMessage] methods (dotnet/sdk#50893).
#pragma warning disable CA1873
            TrainingLog.Starting(_logger, learner.Method, learner.TrainableParameterCount, _options.Epochs, stepsPerEpoch,
                learner.Backbone.Device.ToString(), learner.Backbone.ComputeDType.ToString(), _schedule.Description);
#pragma warning restore CA1873
        }
        var meter = new Throughput((long)_options.Epochs * stepsPerEpoch - run.GlobalStep);
        string? lastCheckpoint = null;
        learner.SetTraining(true);
        try
        {
            _cancellationToken.ThrowIfCancellationRequested();
            for (int epoch = run.NextEpoch; epoch < _options.Epochs; epoch++)
            {
                var epochClock = Stopwatch.StartNew();
                int skip = run.NextStep;   // non-zero only when resuming mid-epoch
                int step = 0;
                foreach (var batch in _source.ReadEpoch(epoch, _cancellationToken))
                {
                    using (batch)
                    {
                        if (step < skip)
                        {
                            step++;
                            continue;
                        }
                        _cancellationToken.ThrowIfCancellationRequested();
                        if (step >= stepsPerEpoch)
                            throw new InvalidOperationException($"The training data yielded more than the {stepsPerEpoch} batches it announced for epoch {epoch + 1}.");
                        LabelCheck.RequireBatch(batch, epoch, step + 1, learner.ClassNames);
                        double lr = _schedule.RateAt(epoch, step, stepsPerEpoch);
                        var check = TrainStep(optimizer, batch, lr, epoch, step, run.GlobalStep);
                        step++;
                        run.Record(epoch, step, check.Loss, check.Correct, batch.Count, lr, check.Components);
                        meter.Add(batch.Count);
                        Report(run, epoch, step, stepsPerEpoch, check, 100.0 * check.Correct / batch.Count, lr, meter);
                    }
                }
                learner.OnEpochEnd(epoch, _options.Epochs);
                var record = run.FinishEpoch(epoch, _schedule.RateAt(epoch, 0, stepsPerEpoch), epochClock.Elapsed.TotalSeconds);
                TrainingLog.Epoch(_logger, record.Epoch, _options.Epochs, record.MeanLoss, record.Accuracy, record.LearningRate, record.Seconds);
                if (checkpointPath is not null && ((epoch + 1) % _options.CheckpointEveryEpochs == 0 || epoch + 1 == _options.Epochs))
                    lastCheckpoint = SaveCheckpoint(checkpointPath, optimizer, run, stepsPerEpoch);
            }
        }
        catch (OperationCanceledException) when (_cancellationToken.IsCancellationRequested)
        {
            TrainingLog.Cancelled(_logger, run.NextEpoch + 1, run.NextStep, run.GlobalStep);
            if (checkpointPath is not null)
                SaveCheckpoint(checkpointPath, optimizer, run, stepsPerEpoch);
            throw;
        }
        finally
        {
            learner.SetTraining(false);
        }
        learner.OnTrainingEnd();

        string? promptsPath = null;
        if (_options.CheckpointDirectory is { } outDir)
        {
            promptsPath = Path.Combine(outDir, TrainingCheckpoint.PromptsFileName);
            PromptStateFile.Save(learner, promptsPath);
        }
        TrainingLog.Finished(_logger, meter.Steps, clock.Elapsed.TotalSeconds);
        return new TrainingResult(run.History.Clone(), _options.Epochs, meter.Steps, clock.Elapsed, resumedFrom, lastCheckpoint, promptsPath);
    }

    private StepCheck TrainStep(SgdOptimizer optimizer, LabeledBatch batch, double lr, int epoch, int step, long done)
    {
        using var scope = NewDisposeScope();
        var device = _learner.Backbone.Device;
        var images = batch.Images.to(device);
        var labels = batch.Labels.to(ScalarType.Int64).to(device);
        optimizer.ZeroGrad();
        var loss = _learner.ComputeTrainingLoss(images, labels);
        _learner.Backward(loss);
        var check = StepCheck.Read(loss, labels, optimizer.Gradients());   // the step's only host sync
        if (!double.IsFinite(check.Loss))
        {
            // The prompts that gave this loss came from the previous update: undo it.
            optimizer.ZeroGrad();
            optimizer.RestoreSnapshot();
            TrainingLog.Diverged(_logger, epoch + 1, step + 1, "loss", check.Loss);
            throw new NonFiniteLossException(epoch + 1, step + 1, done + 1, "loss", check.Loss, lr);
        }
        if (!check.GradientsFinite)
        {
            // The current prompts gave a finite loss: keep them, drop the unusable gradients.
            var bad = StepCheck.FirstNonFiniteGradient(optimizer.NamedGradients());
            optimizer.ZeroGrad();
            TrainingLog.Diverged(_logger, epoch + 1, step + 1, $"gradient of {bad.Name}", bad.Value);
            throw new NonFiniteLossException(epoch + 1, step + 1, done + 1, $"gradient of {bad.Name}", bad.Value, lr);
        }
        optimizer.CaptureSnapshot();
        optimizer.Step(lr);
        return check;
    }

    private void Report(RunState run, int epoch, int step, int stepsPerEpoch, StepCheck check, double accuracy, double lr, Throughput meter)
    {
        var eta = meter.Eta;
        double loss = check.Loss;
        _progress?.Report(new TrainingProgress(epoch + 1, _options.Epochs, step, stepsPerEpoch, run.GlobalStep,
            (long)_options.Epochs * stepsPerEpoch, loss, accuracy, lr, meter.ImagesPerSecond, meter.Elapsed, eta) { LossComponents = check.Components });
        if (_options.LogEverySteps > 0 && (step % _options.LogEverySteps == 0 || step == stepsPerEpoch) && _logger.IsEnabled(LogLevel.Information))
        {
            // Guarded above; CA1873 does not see IsEnabled guards around [LoggerMessage] methods (dotnet/sdk#50893).
#pragma warning disable CA1873
            TrainingLog.Step(_logger, epoch + 1, _options.Epochs, step, stepsPerEpoch, loss, accuracy, lr, meter.ImagesPerSecond, TrainingLog.Duration(eta));
            if (check.Components.Count > 0)
                TrainingLog.StepComponents(_logger, epoch + 1, _options.Epochs, step, stepsPerEpoch, TrainingLog.Components(check.Components));
#pragma warning restore CA1873
        }
    }

    private string? ResolveResumePath()
    {
        if (_options.ResumeFrom is { } from)
            return TrainingCheckpoint.ResolvePath(from);
        if (_options.AutoResume && _options.CheckpointDirectory is { } dir)
            return TrainingCheckpoint.Find(dir);
        return null;
    }

    private RunState Resume(string path, SgdOptimizer optimizer, int stepsPerEpoch)
    {
        using var checkpoint = TrainingCheckpoint.Load(path);
        var info = checkpoint.Info;
        var learner = _learner;
        var problems = new List<string>();
        void Check<T>(string key, T saved, T now, string fix)
        {
            if (!EqualityComparer<T>.Default.Equals(saved, now))
                problems.Add($"'{key}' is {saved} in the checkpoint but {now} now ({fix}).");
        }
        Check("Method", info.Method, learner.Method, "build the tuner with the same method");
        Check("BackboneFingerprint", info.BackboneFingerprint, learner.Backbone.Fingerprint, "load the same CLIP weights");
        Check("ClassNames", string.Join("|", info.ClassNames), string.Join("|", learner.ClassNames), "train on the same classes");
        Check("Epochs", info.Epochs, _options.Epochs, "use the same TrainingOptions.Epochs");
        Check("StepsPerEpoch", info.StepsPerEpoch, stepsPerEpoch, "use the same training data and batch size");
        Check("Schedule", info.Schedule, _schedule.Description, "use the same learning-rate settings");
        Check("Momentum", info.Momentum, _options.Momentum, "use the same TrainingOptions.Momentum");
        Check("WeightDecay", info.WeightDecay, _options.WeightDecay, "use the same TrainingOptions.WeightDecay");
        Check("Dampening", info.Dampening, _options.Dampening, "use the same TrainingOptions.Dampening");
        Check("Nesterov", info.Nesterov, _options.Nesterov, "use the same TrainingOptions.Nesterov");
        Check("Seed", info.Seed, _seed, "use the same seed, which fixes the data order");
        if (problems.Count > 0)
            throw new TrainingCheckpointException(path, $"Cannot resume from '{path}': " + string.Join(" ", problems), null);

        checkpoint.RestorePrompts(learner);
        learner.LoadTrainingState(checkpoint.LearnerState);
        optimizer.LoadMomentumBuffers(checkpoint.MomentumBuffers);
        if (checkpoint.RngState is { } rng)
            TorchSharp.torch.random.set_rng_state(rng);
        TrainingLog.Resuming(_logger, path, info.NextEpoch + 1, info.NextStep, info.GlobalStep);
        return RunState.From(info);
    }

    private string SaveCheckpoint(string path, SgdOptimizer optimizer, RunState run, int stepsPerEpoch)
    {
        var learner = _learner;
        var info = run.ToInfo(learner, _options, _schedule, _seed, stepsPerEpoch);
        TrainingCheckpoint.Save(path, learner, optimizer, info);
        TrainingLog.CheckpointWritten(_logger, path, run.NextEpoch + 1, run.NextStep);
        return path;
    }
}
