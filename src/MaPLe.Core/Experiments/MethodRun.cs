using MaPLe.Evaluation;
using MaPLe.Training;

namespace MaPLe.Experiments;

/// <summary>One method's outcome in a base-to-novel experiment.</summary>
/// <param name="Method">Method identifier.</param>
/// <param name="TrainableParameters">Learnable scalars.</param>
/// <param name="Training">The training run (null for zero-shot CLIP).</param>
/// <param name="Result">Base, novel and harmonic-mean accuracy.</param>
/// <param name="TrainSeconds">Wall time of training.</param>
public sealed record MethodRun(string Method, long TrainableParameters, TrainingResult? Training, Base2NovelResult Result, double TrainSeconds);
