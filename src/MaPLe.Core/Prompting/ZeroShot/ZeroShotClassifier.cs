using MaPLe.Clip;
using MaPLe.Tokenization;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MaPLe.Prompting.ZeroShot;

/// <summary>
/// Zero-shot CLIP as a prompt "learner" with nothing to learn: class features come from the templates on the frozen text
/// tower, computed once per class set (without gradient) and reused for every batch.
/// </summary>
public sealed class ZeroShotClassifier : IPromptLearner
{
    private readonly IClipTokenizer _tokenizer;
    private readonly ZeroShotOptions _options;
    private IReadOnlyList<string> _classNames = [];
    private readonly ClassTextFeatureCache _textFeatures = new();
    private long _promptVersion;
    private bool _disposed;

    /// <summary>Builds the classifier for <paramref name="classNames"/>.</summary>
    public ZeroShotClassifier(IClipBackbone backbone, IClipTokenizer tokenizer, IReadOnlyList<string> classNames, ZeroShotOptions options)
    {
        Backbone = backbone ?? throw new ArgumentNullException(nameof(backbone));
        _tokenizer = tokenizer ?? throw new ArgumentNullException(nameof(tokenizer));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        var problems = options.Validate(backbone.Config).ToList();
        if (problems.Count > 0)
            throw new ArgumentException($"Invalid {options.Method} options: {string.Join(" ", problems)}", nameof(options));
        SetClassNames(classNames);
    }

    /// <inheritdoc />
    public string Method => _options.Method;

    /// <inheritdoc />
    public IClipBackbone Backbone { get; }

    /// <inheritdoc />
    public IReadOnlyList<string> ClassNames => _classNames;

    /// <inheritdoc />
    public bool TextDependsOnImage => false;

    /// <inheritdoc />
    public IReadOnlyList<Parameter> TrainableParameters => [];

    /// <inheritdoc />
    public long TrainableParameterCount => 0;

    /// <inheritdoc />
    public PromptMethodOptions Options => _options;

    /// <summary>The templates in use.</summary>
    public IReadOnlyList<string> Templates => _options.Templates;

    /// <inheritdoc />
    public void SetClassNames(IReadOnlyList<string> classNames)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        PromptText.ThrowIfInvalidClassNames(classNames, nameof(classNames));
        _classNames = classNames.ToList();
        Interlocked.Increment(ref _promptVersion);
    }

    /// <inheritdoc />
    public Tensor EncodeImages(Tensor images)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        using var scope = NewDisposeScope();
        return nn.functional.normalize(Backbone.EncodeImage(images), dim: -1).MoveToOuterDisposeScope();
    }

    /// <summary>The cached class features <c>[C, d]</c> (a new handle on the cached storage; no gradient).</summary>
    public Tensor EncodeClassTexts(Tensor? imageFeatures = null)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _textFeatures.Get(PromptVersion, ComputeTextFeatures);
    }

    private Tensor ComputeTextFeatures()
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        Tensor? sum = null;
        foreach (var template in _options.Templates)
        {
            using var prompts = ClassPromptEmbeddings.Create(Backbone, _tokenizer, _classNames.Select(c => ZeroShotTemplates.Format(template, c)).ToList());
            var f = nn.functional.normalize(Backbone.EncodeText(prompts.Embeddings, prompts.EotIndices), dim: -1);
            sum = sum is null ? f : sum + f;
        }
        // One template: upstream's ZeroshotCLIP (normalized once). Several: ZeroshotCLIP2's mean, normalized again.
        var features = _options.Templates.Count == 1 ? sum! : nn.functional.normalize(sum! / _options.Templates.Count, dim: -1);
        return features.MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, Tensor> StateDict() => new Dictionary<string, Tensor>(StringComparer.Ordinal);

    /// <inheritdoc />
    public void LoadStateDict(IReadOnlyDictionary<string, Tensor> state, string source = "state dict")
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Count > 0)
            throw PromptStateException.ForKeys(source, Method, [], state.Keys.ToList(), []);
    }

    /// <inheritdoc />
    public void SetTraining(bool training)
    {
    }

    /// <inheritdoc />
    public long PromptVersion => Interlocked.Read(ref _promptVersion);

    /// <inheritdoc />
    /// <remarks>Zero-shot CLIP has no parameters; the version still advances so the contract holds.</remarks>
    public void NotifyParametersChanged() => Interlocked.Increment(ref _promptVersion);

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _textFeatures.Dispose();
    }
}
