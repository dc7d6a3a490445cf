using MaPLe.Clip;
using MaPLe.Prompting.Components;
using MaPLe.Tokenization;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MaPLe.Prompting.ProGrad;

/// <summary>
/// ProGrad's learner: CoOp's context (class name at the end or front) whose update follows the cross-entropy gradient
/// with the part that conflicts with the KL-to-zero-shot gradient projected away (<see cref="Backward"/>). The zero-shot
/// teacher's text features are computed once per class set, its image features in the same forward as the prompted ones.
/// </summary>
public sealed class ProGradPromptLearner : ContextPromptLearner, IFrozenTeacher
{
    private readonly ProGradOptions _options;
    private readonly FrozenClipTeacher _teacher;

    /// <summary>Builds ProGrad on <paramref name="backbone"/> for <paramref name="classNames"/>.</summary>
    public ProGradPromptLearner(IClipBackbone backbone, IClipTokenizer tokenizer, IReadOnlyList<string> classNames, ProGradOptions options)
        : base(nameof(ProGradPromptLearner), backbone, tokenizer, classNames, options, Shape(options))
    {
        _options = options;
        _teacher = new FrozenClipTeacher(backbone, tokenizer, [options.EffectiveTemplate]);
        Initialize(classNames);
    }

    /// <inheritdoc />
    public FrozenClipTeacher Teacher => _teacher;

    private Dictionary<string, Tensor> _lastCosines = new(StringComparer.Ordinal);

    /// <summary>cos(g_ce, g_kl) of every parameter at the last <see cref="Backward"/> (projected where negative; read on demand).</summary>
    public IReadOnlyDictionary<string, double> LastGradientCosines =>
        _lastCosines.ToDictionary(kv => kv.Key, kv => kv.Value.to(ScalarType.Float64).item<double>(), StringComparer.Ordinal);

    /// <summary>Switches classes (with class-specific contexts only to a set of as many classes) and recomputes the teacher.</summary>
    public override void SetClassNames(IReadOnlyList<string> classNames)
    {
        base.SetClassNames(classNames);
        _teacher.SetClassNames(ClassNames);
    }

    /// <summary>
    /// Upstream's <c>ProGradLoss</c> (:280-293): the total is the cross-entropy <c>ce</c> (what the gradient follows before
    /// projection); <c>kl</c> = mean_b Σ_c −softmax(zs/T)·log_softmax(logits/T)·T², a soft cross-entropy whose gradient is
    /// the KL's. Both keep their graphs for <see cref="Backward"/>.
    /// </summary>
    public override TrainingLoss ComputeTrainingLoss(Tensor images, Tensor labels)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(labels);
        var logits = this.Forward(images).Logits;
        var frozen = _teacher.Forward(images);
        var ce = nn.functional.cross_entropy(logits, labels.to(logits.device));
        double t = _options.T;
        var teacher = nn.functional.softmax(frozen.Logits / t, 1);
        var kl = (-teacher * nn.functional.log_softmax(logits / t, 1) * (t * t)).sum(1).mean();
        var components = new Dictionary<string, Tensor>(StringComparer.Ordinal) { ["ce"] = ce, ["kl"] = kl };
        return new TrainingLoss(ce, components, logits);
    }

    /// <summary>
    /// Dassl.ProGrad's <c>prograd_backward_and_update</c> without the step: g_kl = ∂kl/∂p, g_ce = ∂ce/∂p per parameter
    /// tensor; where cos(g_ce, g_kl) &lt; 0 the gradient becomes g_ce − λ·(g_ce·ĝ_kl)·ĝ_kl (ĝ_kl = g_kl/‖g_kl‖), else
    /// g_ce. The optimizer (with its weight decay) then steps on it.
    /// </summary>
    public override void Backward(TrainingLoss loss)
    {
        ArgumentNullException.ThrowIfNull(loss);
        var kl = loss.Components["kl"];
        var ce = loss.Components["ce"];
        var parameters = NamedTrainableParameters().ToList();
        kl.backward(retain_graph: true);
        var klGrads = parameters.Select(p => TakeGradient(p.Parameter)).ToList();
        ce.backward();
        var cosines = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        using var _ = no_grad();
        for (int i = 0; i < parameters.Count; i++)
        {
            using var scope = NewDisposeScope();
            var (name, p) = parameters[i];
            using var gKl = klGrads[i];
            var gCe = p.grad ?? throw new InvalidOperationException($"ProGrad: {name} received no cross-entropy gradient.");
            var (projected, cos) = GradientProjection.Project(gCe, gKl, _options.Lambda);
            gCe.copy_(projected);
            cosines[name] = cos.MoveToOuterDisposeScope().DetachFromDisposeScope();
        }
        foreach (var old in _lastCosines.Values) old.Dispose();
        _lastCosines = cosines;
    }

    // Upstream :86-90 with CTX_INIT: zeros, the last k rows the embeddings of the first k tokens of the template's words.
    private static ContextPromptShape Shape(ProGradOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new ContextPromptShape("ProGrad", options.PromptLength, options.UsesClassSpecificContext, options.ClassTokenPosition,
            options.ClassPromptPrefix, options.ContextInit ? options.InitWords : null, options.InitWordCount);
    }

    private static Tensor TakeGradient(Parameter p)
    {
        using var g = p.grad ?? throw new InvalidOperationException("ProGrad: a prompt parameter received no KL gradient.");
        var copy = g.detach().clone().DetachFromDisposeScope();
        p.grad = null;
        return copy;
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _teacher.Dispose();
            foreach (var cos in _lastCosines.Values) cos.Dispose();
        }
        base.Dispose(disposing);
    }
}
