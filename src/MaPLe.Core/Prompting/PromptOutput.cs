using static TorchSharp.torch;

namespace MaPLe.Prompting;

/// <summary>The result of classifying a batch: logits and the normalized features they came from.</summary>
/// <param name="Logits"><c>[B, C]</c> = logit scale · cosine similarity.</param>
/// <param name="ImageFeatures">Normalized <c>[B, d]</c>.</param>
/// <param name="TextFeatures">Normalized <c>[C, d]</c>, or <c>[B, C, d]</c> for image-conditioned methods.</param>
public sealed record PromptOutput(Tensor Logits, Tensor ImageFeatures, Tensor TextFeatures);

/// <summary>Logits of a learner, as upstream's <c>CustomCLIP.forward</c>.</summary>
public static class PromptLearnerExtensions
{
    /// <summary>
    /// Classifies <paramref name="images"/>: <c>scale · img @ txt.T</c>. Pass <paramref name="cachedTextFeatures"/> (from
    /// <see cref="IPromptLearner.EncodeClassTexts"/> under no-grad) to skip the text tower at inference.
    /// </summary>
    public static PromptOutput Forward(this IPromptLearner learner, Tensor images, Tensor? cachedTextFeatures = null)
    {
        using var scope = NewDisposeScope();
        var img = learner.EncodeImages(images);
        Tensor txt;
        Tensor logits;
        if (learner.TextDependsOnImage)
        {
            txt = learner.EncodeClassTexts(img);                                   // [B, C, d]
            logits = learner.Backbone.LogitScale * einsum("bd,bcd->bc", img, txt);
        }
        else
        {
            txt = cachedTextFeatures ?? learner.EncodeClassTexts();
            logits = learner.Backbone.LogitScale * img.matmul(txt.t());
        }
        return new PromptOutput(logits.MoveToOuterDisposeScope(), img.MoveToOuterDisposeScope(),
            cachedTextFeatures is not null && ReferenceEquals(txt, cachedTextFeatures) ? txt : txt.MoveToOuterDisposeScope());
    }

    /// <summary>Cross-entropy of the learner's logits against <paramref name="labels"/> (the training loss of every method).</summary>
    public static Tensor Loss(this IPromptLearner learner, Tensor images, Tensor labels)
    {
        using var scope = NewDisposeScope();
        var output = learner.Forward(images);
        return nn.functional.cross_entropy(output.Logits, labels.to(output.Logits.device)).MoveToOuterDisposeScope();
    }
}
