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

    /// <summary>
    /// A number that changes whenever what this learner computes may change: <see cref="SetClassNames"/>,
    /// <see cref="LoadStateDict"/> and every optimizer step (through <see cref="NotifyParametersChanged"/>) advance it.
    /// Caches of derived values (class text features) are keyed by it, so nothing invalidates them by hand.
    /// </summary>
    long PromptVersion { get; }

    /// <summary>
    /// Records that the trainable parameters were changed in place (an optimizer step, a restored snapshot): advances
    /// <see cref="PromptVersion"/>. Optimizers built on a learner call it; code that changes prompts otherwise should use
    /// <see cref="LoadStateDict"/>.
    /// </summary>
    void NotifyParametersChanged();

    /// <summary>
    /// The loss of one training step on <paramref name="images"/> (normalized, on the backbone's device) with
    /// <paramref name="labels"/> (int64 class indices). The default is upstream's cross-entropy of the logits; a method
    /// with extra terms (a frozen teacher's distillation, a regulariser) returns them as named components.
    /// </summary>
    TrainingLoss ComputeTrainingLoss(Tensor images, Tensor labels) => TrainingLoss.CrossEntropyOf(this, images, labels);

    /// <summary>
    /// Puts the gradients of <paramref name="loss"/> on <see cref="TrainableParameters"/> (the trainer has zeroed them).
    /// The default is <c>loss.Total.backward()</c>; a method that combines per-term gradients (ProGrad) overrides it.
    /// </summary>
    void Backward(TrainingLoss loss) => loss.Total.backward();

    /// <summary>
    /// Called on the training thread after each finished epoch (<paramref name="epoch"/> 0-based of
    /// <paramref name="epochs"/>), before its checkpoint is written: e.g. to accumulate an average of the prompts.
    /// </summary>
    void OnEpochEnd(int epoch, int epochs)
    {
    }

    /// <summary>
    /// Called on the training thread when the last epoch finished (not when training stops early), before the prompts are
    /// saved: e.g. to replace the prompts by an aggregate (then use <see cref="LoadStateDict"/> so caches follow).
    /// </summary>
    void OnTrainingEnd()
    {
    }

    /// <summary>
    /// State the learner carries across the epochs of one run besides its parameters (PromptSRC's running GPA sum), saved
    /// in training checkpoints so a resumed run ends exactly as an uninterrupted one. Empty by default.
    /// </summary>
    IReadOnlyDictionary<string, Tensor> TrainingState() => new Dictionary<string, Tensor>(StringComparer.Ordinal);

    /// <summary>Restores what <see cref="TrainingState"/> returned (called when a run resumes from a checkpoint).</summary>
    /// <exception cref="PromptStateException">The state does not belong to this method.</exception>
    void LoadTrainingState(IReadOnlyDictionary<string, Tensor> state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Count > 0)
            throw new PromptStateException($"The {Method} method keeps no training state, but the checkpoint holds {string.Join(", ", state.Keys)}.");
    }
}
