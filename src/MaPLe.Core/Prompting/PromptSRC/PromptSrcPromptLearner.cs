using MaPLe.Clip;
using MaPLe.Prompting.Components;
using MaPLe.Tokenization;
using static TorchSharp.torch;

namespace MaPLe.Prompting.PromptSRC;

/// <summary>
/// PromptSRC's learner (upstream <c>VLPromptLearner</c> + the IVLP towers of <c>trainers/promptsrc.py</c>): independent
/// deep text and vision prompts, trained on cross-entropy plus self-regulation toward the frozen CLIP, with the prompts
/// aggregated over epochs by <see cref="GaussianPromptAggregation"/>. Inference is plain prompted CLIP.
/// </summary>
public sealed class PromptSrcPromptLearner : TowerPromptLearner, IFrozenTeacher
{
    private readonly PromptSrcOptions _options;
    private readonly GaussianPromptAggregation _gpa;
    private FrozenClipTeacher? _teacher;

    /// <summary>Builds PromptSRC on <paramref name="backbone"/> for <paramref name="classNames"/>.</summary>
    public PromptSrcPromptLearner(IClipBackbone backbone, IClipTokenizer tokenizer, IReadOnlyList<string> classNames, PromptSrcOptions options)
        : base(nameof(PromptSrcPromptLearner), backbone, tokenizer, classNames, options, options.Shape)
    {
        _options = options;
        _gpa = new GaussianPromptAggregation(options.GpaMean, options.GpaStd);
    }

    /// <inheritdoc />
    public FrozenClipTeacher Teacher => _teacher ?? throw new InvalidOperationException("No class names set.");

    /// <summary>The epoch aggregation of the current run.</summary>
    public GaussianPromptAggregation Aggregation => _gpa;

    /// <inheritdoc />
    public override void SetClassNames(IReadOnlyList<string> classNames)
    {
        base.SetClassNames(classNames);
        // The base constructor sets the first class set, before this class's fields exist.
        _teacher ??= new FrozenClipTeacher(Backbone, Tokenizer, ((PromptSrcOptions)Options).TeacherTemplates);
        _teacher.SetClassNames(ClassNames);
    }

    /// <summary>
    /// The training loss of upstream's <c>forward_backward</c> (:297-313): <c>ce + kl + TEXT_LOSS_WEIGHT·text_l1 +
    /// IMAGE_LOSS_WEIGHT·image_l1</c>, with the frozen image features computed in the same forward. Components (unweighted):
    /// <c>ce</c>, <c>text_l1</c>, <c>image_l1</c>, <c>kl</c>.
    /// </summary>
    public override TrainingLoss ComputeTrainingLoss(Tensor images, Tensor labels)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(labels);
        var (logits, image, text) = this.Forward(images);
        var frozen = Teacher.Forward(images);
        var terms = PromptSrcLoss.Compute(logits, labels.to(logits.device), image, text, frozen);
        var total = terms.CrossEntropy + terms.Kl + _options.TextLossWeight * terms.TextL1 + _options.ImageLossWeight * terms.ImageL1;
        return new TrainingLoss(total, terms.ToComponents(), logits);
    }

    /// <summary>GPA at the end of epoch <paramref name="epoch"/> (0-based) of <paramref name="epochs"/>: adds the current prompts.</summary>
    public override void OnEpochEnd(int epoch, int epochs)
    {
        if (epoch == 0) _gpa.Clear();
        _gpa.Add(StateDict(), epoch + 1, epochs);
    }

    /// <summary>After the last epoch: the prompts become the GPA aggregate (what upstream's final model holds).</summary>
    public override void OnTrainingEnd()
    {
        if (_gpa.EpochsAdded == 0) return;
        LoadStateDict(_gpa.Sum, "the GPA aggregate");
    }

    /// <summary>The GPA running sum (<c>gpa.sum.&lt;parameter&gt;</c>) and the epochs in it (<c>gpa.epochs</c>), for checkpoints.</summary>
    public override IReadOnlyDictionary<string, Tensor> TrainingState()
    {
        var state = _gpa.Sum.ToDictionary(kv => GpaSumPrefix + kv.Key, kv => kv.Value, StringComparer.Ordinal);
        state[GpaEpochsKey] = tensor((long)_gpa.EpochsAdded);
        return state;
    }

    /// <inheritdoc />
    public override void LoadTrainingState(IReadOnlyDictionary<string, Tensor> state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var unknown = state.Keys.Where(k => k != GpaEpochsKey && !k.StartsWith(GpaSumPrefix, StringComparison.Ordinal)).ToList();
        if (unknown.Count > 0)
            throw new PromptStateException($"PromptSRC's training state holds unknown entries: {string.Join(", ", unknown)}.");
        if (!state.TryGetValue(GpaEpochsKey, out var epochs))
        {
            // A checkpoint written without GPA state (by an earlier version) cannot reproduce the aggregate.
            throw new PromptStateException($"The checkpoint has no '{GpaEpochsKey}': it was not written with PromptSRC's GPA state, so a resumed run could not end with the same aggregate. Start the run again.");
        }
        var sum = state.Where(kv => kv.Key != GpaEpochsKey).ToDictionary(kv => kv.Key[GpaSumPrefix.Length..], kv => kv.Value, StringComparer.Ordinal);
        var missing = StateDict().Keys.Where(k => !sum.ContainsKey(k)).ToList();
        if (sum.Count > 0 && missing.Count > 0)
            throw new PromptStateException($"PromptSRC's GPA state lacks {string.Join(", ", missing)}.");
        _gpa.Restore(sum, (int)epochs.to(ScalarType.Int64).item<long>());
    }

    private const string GpaSumPrefix = "gpa.sum.";
    private const string GpaEpochsKey = "gpa.epochs";

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _teacher?.Dispose();
            _gpa?.Dispose();
        }
        base.Dispose(disposing);
    }
}
