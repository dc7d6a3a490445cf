namespace MaPLe.Training;

/// <summary>Reported after every optimizer step (on the training thread: keep handlers short).</summary>
/// <param name="Epoch">Current epoch, 1-based.</param>
/// <param name="Epochs">Epochs in the run.</param>
/// <param name="Step">Step within the epoch, 1-based.</param>
/// <param name="StepsPerEpoch">Steps per epoch.</param>
/// <param name="GlobalStep">Steps done in the whole run, 1-based.</param>
/// <param name="TotalSteps">Steps of the whole run.</param>
/// <param name="Loss">The training loss of this step's batch (before its update): cross-entropy for the built-in methods.</param>
/// <param name="Accuracy">Top-1 accuracy on this step's batch, percent.</param>
/// <param name="LearningRate">Rate used by this step.</param>
/// <param name="ImagesPerSecond">Throughput since this run (or resume) started.</param>
/// <param name="Elapsed">Time since this run (or resume) started.</param>
/// <param name="Eta">Estimated time to the end of the run.</param>
public sealed record TrainingProgress(
    int Epoch, int Epochs, int Step, int StepsPerEpoch, long GlobalStep, long TotalSteps,
    double Loss, double Accuracy, double LearningRate, double ImagesPerSecond, TimeSpan Elapsed, TimeSpan Eta)
{
    /// <summary>
    /// The named terms of this step's loss (<see cref="Prompting.TrainingLoss.Components"/>), e.g. a distillation term
    /// beside the cross-entropy; empty for single-term losses.
    /// </summary>
    public IReadOnlyDictionary<string, double> LossComponents { get; init; } = new Dictionary<string, double>();
}
