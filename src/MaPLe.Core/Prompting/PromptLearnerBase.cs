using MaPLe.Clip;
using MaPLe.Tokenization;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MaPLe.Prompting;

/// <summary>
/// Shared machinery of the prompt learners: class prompt buffers, state-dict I/O under official names, feature
/// normalization. A method supplies its parameters (<see cref="NamedTrainableParameters"/>), its class prompt prefix and
/// how it builds text and vision prompts. The backbone is held, never registered as a submodule (it is shared and frozen).
/// </summary>
public abstract class PromptLearnerBase : nn.Module, IPromptLearner
{
    private readonly IClipTokenizer _tokenizer;
    private ClassPromptEmbeddings? _classPrompts;
    private IReadOnlyList<string> _classNames = [];
    private readonly ClassTextFeatureCache _textFeatures = new();
    private long _promptVersion;
    private long _classSetVersion;

    /// <summary>Initialises the shared state; derived constructors create parameters, then call <see cref="Initialize"/>.</summary>
    protected PromptLearnerBase(string name, IClipBackbone backbone, IClipTokenizer tokenizer, PromptMethodOptions options) : base(name)
    {
        Backbone = backbone ?? throw new ArgumentNullException(nameof(backbone));
        _tokenizer = tokenizer ?? throw new ArgumentNullException(nameof(tokenizer));
        Options = options ?? throw new ArgumentNullException(nameof(options));
        var problems = options.Validate(backbone.Config).ToList();
        if (problems.Count > 0)
            throw new ArgumentException($"Invalid {options.Method} options: {string.Join(" ", problems)}", nameof(options));
    }

    /// <inheritdoc />
    public string Method => Options.Method;

    /// <inheritdoc />
    public IClipBackbone Backbone { get; }

    /// <summary>The tokenizer used for class prompts.</summary>
    protected IClipTokenizer Tokenizer => _tokenizer;

    /// <inheritdoc />
    public PromptMethodOptions Options { get; }

    /// <inheritdoc />
    public IReadOnlyList<string> ClassNames => _classNames;

    /// <inheritdoc />
    public virtual bool TextDependsOnImage => false;

    /// <summary>
    /// Whether the class text features depend on the learned parameters. When they do not (VPT's fixed text side),
    /// they are computed once per class set, also while training.
    /// </summary>
    protected virtual bool TextUsesLearnedParameters => true;

    /// <inheritdoc />
    public long PromptVersion => Interlocked.Read(ref _promptVersion);

    /// <inheritdoc />
    public void NotifyParametersChanged() => Interlocked.Increment(ref _promptVersion);

    /// <summary>Whether the learner is in training mode.</summary>
    public bool IsTraining { get; private set; }

    /// <summary>The frozen class prompt rows for the current class set.</summary>
    protected ClassPromptEmbeddings ClassPrompts =>
        _classPrompts ?? throw new InvalidOperationException("No class names set: call SetClassNames first.");

    /// <summary>The text before each class name in its prompt (e.g. "a photo of a" or "X X").</summary>
    protected abstract string ClassPromptPrefix { get; }

    /// <summary>The learnable parameters under their official names, in a fixed order.</summary>
    protected abstract IEnumerable<(string Name, Parameter Parameter)> NamedTrainableParameters();

    /// <summary>Finishes construction: registers the parameters, moves them to the backbone's device, sets classes.</summary>
    protected void Initialize(IReadOnlyList<string> classNames)
    {
        RegisterComponents();
        this.to(Backbone.Device);
        SetClassNames(classNames);
    }

    /// <summary>Embeds the first <paramref name="n"/> tokens after SOT of <paramref name="text"/> (upstream's ctx initialisation).</summary>
    protected Tensor EmbedInitWords(string text, int n)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var emb = Backbone.EmbedTokens(_tokenizer.TokenizeBatch([text], Backbone.Config.Text.ContextLength));
        return emb[0, 1..(1 + n)].cpu().clone().MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public IReadOnlyList<Parameter> TrainableParameters => NamedTrainableParameters().Select(p => p.Parameter).ToList();

    /// <inheritdoc />
    public long TrainableParameterCount => NamedTrainableParameters().Sum(p => p.Parameter.numel());

    /// <inheritdoc />
    public virtual void SetClassNames(IReadOnlyList<string> classNames)
    {
        PromptText.ThrowIfInvalidClassNames(classNames, nameof(classNames));
        var prompts = classNames.Select(c => PromptText.ClassPrompt(ClassPromptPrefix, c)).ToList();
        var next = ClassPromptEmbeddings.Create(Backbone, _tokenizer, prompts);
        _classPrompts?.Dispose();
        _classPrompts = next;
        _classNames = classNames.ToList();
        Interlocked.Increment(ref _classSetVersion);
        Interlocked.Increment(ref _promptVersion);
    }

    /// <summary>Vision prompts for the backbone (null for text-only methods).</summary>
    protected virtual VisionPrompts? BuildVisionPrompts() => null;

    /// <summary>Text token embeddings <c>[C, L, d]</c> with the learned context in place.</summary>
    protected abstract Tensor BuildTextEmbeddings();

    /// <summary>Deep text prompts (null for none).</summary>
    protected virtual TextPrompts? BuildTextPrompts() => null;

    /// <inheritdoc />
    public virtual Tensor EncodeImages(Tensor images)
    {
        using var scope = NewDisposeScope();
        var f = Backbone.EncodeImage(images, BuildVisionPrompts());
        return nn.functional.normalize(f, dim: -1).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Class text features <c>[C, d]</c>. Without a gradient to carry (inference, or a text side that learns nothing) they
    /// come from the learner's cache, keyed by <see cref="PromptVersion"/>; otherwise they are computed with their graph.
    /// </summary>
    public virtual Tensor EncodeClassTexts(Tensor? imageFeatures = null)
    {
        if (!TextUsesLearnedParameters)
            return _textFeatures.Get(Interlocked.Read(ref _classSetVersion), ComputeClassTexts);
        if (!is_grad_enabled())
            return _textFeatures.Get(PromptVersion, ComputeClassTexts);
        return ComputeClassTexts();
    }

    private Tensor ComputeClassTexts()
    {
        using var scope = NewDisposeScope();
        var f = Backbone.EncodeText(BuildTextEmbeddings(), ClassPrompts.EotIndices, BuildTextPrompts());
        return nn.functional.normalize(f, dim: -1).MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, Tensor> StateDict() =>
        NamedTrainableParameters().ToDictionary(p => p.Name, p => (Tensor)p.Parameter, StringComparer.Ordinal);

    /// <inheritdoc />
    public void LoadStateDict(IReadOnlyDictionary<string, Tensor> state, string source = "state dict")
    {
        var own = NamedTrainableParameters().ToList();
        var names = own.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        var missing = own.Where(p => !state.ContainsKey(p.Name)).Select(p => p.Name).ToList();
        var unexpected = state.Keys.Where(k => !names.Contains(k)).ToList();
        var wrong = own.Where(p => state.TryGetValue(p.Name, out var t) && !t.shape.SequenceEqual(p.Parameter.shape))
            .Select(p => $"{p.Name}: expected [{string.Join(", ", p.Parameter.shape)}], got [{string.Join(", ", state[p.Name].shape)}]")
            .ToList();
        if (missing.Count > 0 || unexpected.Count > 0 || wrong.Count > 0)
            throw PromptStateException.ForKeys(source, Method, missing, unexpected, wrong);
        using (no_grad())
        {
            foreach (var (name, p) in own)
                p.copy_(state[name]);
        }
        NotifyParametersChanged();
    }

    /// <inheritdoc />
    public virtual TrainingLoss ComputeTrainingLoss(Tensor images, Tensor labels) => TrainingLoss.CrossEntropyOf(this, images, labels);

    /// <inheritdoc />
    public virtual void Backward(TrainingLoss loss)
    {
        ArgumentNullException.ThrowIfNull(loss);
        loss.Total.backward();
    }

    /// <inheritdoc />
    public virtual void OnEpochEnd(int epoch, int epochs)
    {
    }

    /// <inheritdoc />
    public virtual void OnTrainingEnd()
    {
    }

    /// <inheritdoc />
    public virtual IReadOnlyDictionary<string, Tensor> TrainingState() => new Dictionary<string, Tensor>(StringComparer.Ordinal);

    /// <inheritdoc />
    public virtual void LoadTrainingState(IReadOnlyDictionary<string, Tensor> state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Count > 0)
            throw new PromptStateException($"The {Method} method keeps no training state, but the checkpoint holds {string.Join(", ", state.Keys)}.");
    }

    /// <inheritdoc />
    public virtual void SetTraining(bool training)
    {
        IsTraining = training;
        train(training);
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _classPrompts?.Dispose();
            _classPrompts = null;
            _textFeatures.Dispose();
        }
        base.Dispose(disposing);
    }
}
