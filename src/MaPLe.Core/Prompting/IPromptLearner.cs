using MaPLe.Clip;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MaPLe.Prompting;

/// <summary>
/// One prompt-learning method (MaPLe, IVLP, CoOp, ...): owns the learnable prompt parameters, builds the prompts the
/// frozen backbone's prompt seam takes, and turns images into logits over the current class set. The backbone is shared,
/// never owned: disposing a learner frees only its prompts.
/// </summary>
public interface IPromptLearner : IDisposable
{
    /// <summary>The method's identifier as used in prompt files and case.json (<c>maple</c>, <c>ivlp</c>, <c>coop</c>, ...).</summary>
    string Method { get; }

    /// <summary>The frozen backbone the prompts are built for.</summary>
    IClipBackbone Backbone { get; }

    /// <summary>The current class names, in label order.</summary>
    IReadOnlyList<string> ClassNames { get; }

    /// <summary>Whether class text features depend on the image (CoCoOp): then they cannot be cached across images.</summary>
    bool TextDependsOnImage { get; }

    /// <summary>The learnable parameters (empty for zero-shot CLIP). Read them again after moving the learner.</summary>
    IReadOnlyList<Parameter> TrainableParameters { get; }

    /// <summary>Total number of learnable scalars.</summary>
    long TrainableParameterCount { get; }

    /// <summary>
    /// Switches the class set (base → novel → another dataset) keeping the learned prompts, as upstream does when it
    /// rebuilds the class-specific token buffers and loads the prompt learner non-strictly.
    /// </summary>
    void SetClassNames(IReadOnlyList<string> classNames);

    /// <summary>L2-normalized image features <c>[B, d]</c> with this method's vision prompts.</summary>
    Tensor EncodeImages(Tensor images);

    /// <summary>
    /// L2-normalized class text features: <c>[C, d]</c>, or <c>[B, C, d]</c> when <see cref="TextDependsOnImage"/>
    /// (then <paramref name="imageFeatures"/>, normalized <c>[B, d]</c>, is required).
    /// </summary>
    Tensor EncodeClassTexts(Tensor? imageFeatures = null);

    /// <summary>The learned parameters under the official state-dict names (<c>prompt_learner.ctx</c>, ...).</summary>
    IReadOnlyDictionary<string, Tensor> StateDict();

    /// <summary>
    /// Copies parameters from a state dict with official names; throws <see cref="PromptStateException"/> listing missing,
    /// unexpected and wrong-shaped keys. Class-specific buffers are never part of it.
    /// </summary>
    void LoadStateDict(IReadOnlyDictionary<string, Tensor> state, string source = "state dict");

    /// <summary>The options this learner was built with (serialized into prompt files).</summary>
    PromptMethodOptions Options { get; }

    /// <summary>Switches training mode (dropout-free CLIP: only affects bookkeeping such as text-feature caching).</summary>
    void SetTraining(bool training);
}
