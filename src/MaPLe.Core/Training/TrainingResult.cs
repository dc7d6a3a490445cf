namespace MaPLe.Training;

/// <summary>What <c>PromptTuner.FitAsync</c> did.</summary>
/// <param name="History">Every step and epoch of the run (including those before a resume).</param>
/// <param name="Epochs">Epochs of the run.</param>
/// <param name="StepsRun">Steps run by this call (fewer than the total when resumed).</param>
/// <param name="Duration">Wall time of this call.</param>
/// <param name="ResumedFrom">The checkpoint this call continued from, if any.</param>
/// <param name="CheckpointPath">The last checkpoint written, if any.</param>
/// <param name="PromptsPath">The final prompts file (<c>prompts.safetensors</c> beside the checkpoint), if written.</param>
public sealed record TrainingResult(
    TrainingHistory History, int Epochs, long StepsRun, TimeSpan Duration, string? ResumedFrom, string? CheckpointPath, string? PromptsPath)
{
    /// <summary>Mean loss of the last epoch (NaN when no epoch finished).</summary>
    public double FinalLoss => History.Epochs.Count > 0 ? History.Epochs[^1].MeanLoss : double.NaN;

    /// <summary>Training accuracy of the last epoch, percent (NaN when no epoch finished).</summary>
    public double FinalAccuracy => History.Epochs.Count > 0 ? History.Epochs[^1].Accuracy : double.NaN;
}
