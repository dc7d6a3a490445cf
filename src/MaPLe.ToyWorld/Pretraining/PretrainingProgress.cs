namespace MaPLe.Pretraining;

/// <summary>Progress of contrastive pretraining after one step.</summary>
/// <param name="Step">1-based step just finished.</param>
/// <param name="Steps">Total steps.</param>
/// <param name="Loss">Symmetric InfoNCE loss of the step.</param>
/// <param name="LearningRate">Learning rate used.</param>
/// <param name="LogitScale">exp(logit_scale) after the step.</param>
/// <param name="PairsPerSecond">Throughput over the step.</param>
public sealed record PretrainingProgress(int Step, int Steps, double Loss, double LearningRate, double LogitScale, double PairsPerSecond);
