using MaPLe.Prompting;
using MaPLe.Prompting.KgCoOp;
using MaPLe.Prompting.ProGrad;
using MaPLe.Prompting.PromptSRC;
using static TorchSharp.torch;

namespace MaPLe.Tests.TestSupport;

// Bridge until IPromptLearner carries the training-loss contract (instance members then take precedence over these).
internal static class TrainingObjectives
{
    public static TrainingLoss ComputeTrainingLoss(this IPromptLearner learner, Tensor images, Tensor labels) => learner switch
    {
        PromptSrcPromptLearner p => p.ComputeTrainingLoss(images, labels),
        KgCoOpPromptLearner k => k.ComputeTrainingLoss(images, labels),
        ProGradPromptLearner g => g.ComputeTrainingLoss(images, labels),
        _ => CrossEntropy(learner, images, labels),
    };

    private static TrainingLoss CrossEntropy(IPromptLearner learner, Tensor images, Tensor labels)
    {
        var output = learner.Forward(images);
        return new TrainingLoss(nn.functional.cross_entropy(output.Logits, labels), new Dictionary<string, Tensor>(), output.Logits);
    }

    public static void Backward(this IPromptLearner learner, TrainingLoss loss)
    {
        if (learner is ProGradPromptLearner g) g.Backward(loss);
        else loss.Total.backward();
    }
}
