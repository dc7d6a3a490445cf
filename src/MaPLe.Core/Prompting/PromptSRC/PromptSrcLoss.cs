using MaPLe.Prompting.Components;
using static TorchSharp.torch;

namespace MaPLe.Prompting.PromptSRC;

/// <summary>The self-regulating terms of PromptSRC, each exactly as upstream computes it (all scalars).</summary>
/// <param name="CrossEntropy"><c>ce</c>: cross-entropy of the prompted logits, mean over the batch.</param>
/// <param name="TextL1"><c>text_l1</c>: mean |prompted − frozen| over the normalized class text features.</param>
/// <param name="ImageL1"><c>image_l1</c>: mean |prompted − frozen| over the normalized image features.</param>
/// <param name="Kl">
/// <c>kl</c>: KL(zero-shot ‖ prompted) of the softmaxed logits, summed and divided by the number of logits (B·C), as
/// <c>F.kl_div(log p, log q, reduction='sum', log_target=True) / logits.numel()</c>.
/// </param>
public sealed record PromptSrcLoss(Tensor CrossEntropy, Tensor TextL1, Tensor ImageL1, Tensor Kl)
{
    /// <summary>The terms from prompted logits and normalized features against the frozen teacher's.</summary>
    public static PromptSrcLoss Compute(Tensor logits, Tensor labels, Tensor imageFeatures, Tensor textFeatures, FrozenTeacherOutput frozen)
    {
        ArgumentNullException.ThrowIfNull(frozen);
        var ce = nn.functional.cross_entropy(logits, labels);
        var textL1 = (textFeatures - frozen.TextFeatures).abs().mean();
        var imageL1 = (imageFeatures - frozen.ImageFeatures).abs().mean();
        var logP = nn.functional.log_softmax(logits, 1);
        var logQ = nn.functional.log_softmax(frozen.Logits, 1);
        var kl = (logQ.exp() * (logQ - logP)).sum() / logits.numel();
        return new PromptSrcLoss(ce, textL1, imageL1, kl);
    }

    /// <summary>The components under their fixture names (<c>ce</c>, <c>text_l1</c>, <c>image_l1</c>, <c>kl</c>).</summary>
    public IReadOnlyDictionary<string, Tensor> ToComponents() => new Dictionary<string, Tensor>(StringComparer.Ordinal)
    {
        ["ce"] = CrossEntropy,
        ["text_l1"] = TextL1,
        ["image_l1"] = ImageL1,
        ["kl"] = Kl,
    };
}
