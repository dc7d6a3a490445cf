using static TorchSharp.torch;

namespace MaPLe.Prompting;

/// <summary>
/// The loss a learner trains on for one batch: the total the optimizer follows, its named parts (logged per step) and the
/// logits (for the batch accuracy). Tensors belong to the caller's dispose scope.
/// </summary>
/// <param name="Total">Scalar training loss (carries the graph back to the prompts).</param>
/// <param name="Components">Named scalar parts as the official code computes them (e.g. <c>ce</c>, <c>kl</c>); empty for plain cross-entropy.</param>
/// <param name="Logits"><c>[B, C]</c> training logits, or null.</param>
public sealed record TrainingLoss(Tensor Total, IReadOnlyDictionary<string, Tensor> Components, Tensor? Logits = null);
