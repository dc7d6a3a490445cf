using MaPLe.Clip;
using MaPLe.Prompting.Components;
using MaPLe.Tokenization;
using TorchSharp;
using static TorchSharp.torch;

namespace MaPLe.Prompting.KgCoOp;

/// <summary>
/// KgCoOp's learner (upstream <c>PromptLearner</c>/<c>CustomCLIP</c> of <c>kgcoop.py</c>): CoOp's context <c>ctx</c> before
/// the class name, trained on <c>ce + W·kg</c> with kg = 1 − mean cosine of the learned class text features to the frozen
/// CLIP's features of the hand-crafted prompt (computed once per class set). Upstream's unused <c>meta_net</c>,
/// <c>bias_vectors</c> and <c>adapter</c> (frozen, hard-coded 512 wide) are not built.
/// </summary>
public sealed class KgCoOpPromptLearner : ContextPromptLearner, IFrozenTeacher
{
    private readonly KgCoOpOptions _options;
    private readonly FrozenClipTeacher _teacher;

    /// <summary>Builds KgCoOp on <paramref name="backbone"/> for <paramref name="classNames"/>.</summary>
    public KgCoOpPromptLearner(IClipBackbone backbone, IClipTokenizer tokenizer, IReadOnlyList<string> classNames, KgCoOpOptions options)
        : base(nameof(KgCoOpPromptLearner), backbone, tokenizer, classNames, options, Shape(options))
    {
        _options = options;
        _teacher = new FrozenClipTeacher(backbone, tokenizer, [options.EffectiveTemplate]);
        Initialize(classNames);
    }

    /// <inheritdoc />
    public FrozenClipTeacher Teacher => _teacher;

    /// <summary>Switches classes (with class-specific contexts only to a set of as many classes) and recomputes the frozen features.</summary>
    public override void SetClassNames(IReadOnlyList<string> classNames)
    {
        base.SetClassNames(classNames);
        _teacher.SetClassNames(ClassNames);
    }

    /// <summary>
    /// Upstream's training loss (:238-241, :310): <c>ce + W·kg</c>, kg = 1 − mean_c cos(text_c, frozen_c) (eps 1e-7).
    /// Components: <c>ce</c>, <c>kg</c>.
    /// </summary>
    public override TrainingLoss ComputeTrainingLoss(Tensor images, Tensor labels)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(labels);
        var (logits, _, text) = this.Forward(images);
        var ce = nn.functional.cross_entropy(logits, labels.to(logits.device));
        var kg = 1.0 - nn.functional.cosine_similarity(text, _teacher.TextFeatures, dim: 1, eps: 1e-7).mean();
        var components = new Dictionary<string, Tensor>(StringComparer.Ordinal) { ["ce"] = ce, ["kg"] = kg };
        return new TrainingLoss(ce + _options.W * kg, components, logits);
    }

    // The class name always ends the prompt (upstream has no CLASS_TOKEN_POSITION here).
    private static ContextPromptShape Shape(KgCoOpOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        int n = options.EffectivePromptLength;
        return new ContextPromptShape("KgCoOp", n, options.UsesClassSpecificContext, ClassTokenPosition.End, options.ClassPromptPrefix,
            options.ContextInit ? KgCoOpOptions.InitWords : null, n);
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing) _teacher.Dispose();
        base.Dispose(disposing);
    }
}
