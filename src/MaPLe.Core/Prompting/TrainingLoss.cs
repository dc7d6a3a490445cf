using TorchSharp;
using static TorchSharp.torch;

namespace MaPLe.Prompting;

/// <summary>
/// What one training step of a prompt learner minimises (<see cref="IPromptLearner.ComputeTrainingLoss"/>). The tensors
/// belong to the step's dispose scope; the trainer reads them with one host sync per step.
/// </summary>
/// <param name="Total">The scalar the optimizer minimises (what <see cref="IPromptLearner.Backward"/> differentiates).</param>
/// <param name="Components">
/// Named scalar terms of <paramref name="Total"/> (e.g. <c>cross_entropy</c>, <c>kl</c>, <c>l1</c>), kept in the graph so
/// a learner that manipulates gradients per term (ProGrad) can differentiate them separately; the trainer logs their values.
/// Empty when the loss has a single term.
/// </param>
/// <param name="Logits">Logits <c>[B, C]</c> of the batch, when the method has them: the trainer reports batch accuracy from them.</param>
public sealed record TrainingLoss(Tensor Total, IReadOnlyDictionary<string, Tensor> Components, Tensor? Logits)
{
    /// <summary>A single-term loss with the logits it came from.</summary>
    public TrainingLoss(Tensor total, Tensor? logits = null)
        : this(total, new Dictionary<string, Tensor>(StringComparer.Ordinal), logits)
    {
    }

    /// <summary>Upstream's loss for every built-in method: cross-entropy of the learner's logits.</summary>
    public static TrainingLoss CrossEntropyOf(IPromptLearner learner, Tensor images, Tensor labels)
    {
        ArgumentNullException.ThrowIfNull(learner);
        var output = learner.Forward(images);
        return new TrainingLoss(nn.functional.cross_entropy(output.Logits, labels), output.Logits);
    }

    /// <summary>The name of the cross-entropy term in <see cref="Components"/> (upstream's only loss for every built-in method).</summary>
    public const string CrossEntropy = "cross_entropy";
}
