using MaPLe.Clip;
using MaPLe.Prompting;
using MaPLe.Tokenization;
using Microsoft.Extensions.Logging;
using static TorchSharp.torch;

namespace MaPLe.Tuning;

/// <summary>
/// A frozen CLIP plus one prompt learner: classifies image batches over the current classes, switches class sets
/// without rebuilding (learned prompts are kept, as upstream evaluates base-trained prompts on novel classes), saves and
/// loads the learned prompts, and trains them (<c>FitAsync</c>). Class text features are computed once per class set
/// and prompt state, never per batch.
/// </summary>
public sealed partial class PromptTuner : IDisposable
{
    private readonly bool _ownsBackbone;
    private Tensor? _textFeatures;
    private bool _disposed;

    internal PromptTuner(IClipBackbone backbone, bool ownsBackbone, IClipTokenizer tokenizer, IPromptLearner learner, long? seed, ILoggerFactory loggerFactory)
    {
        Backbone = backbone;
        _ownsBackbone = ownsBackbone;
        Tokenizer = tokenizer;
        Learner = learner;
        Seed = seed;
        LoggerFactory = loggerFactory;
    }

    /// <summary>The frozen CLIP.</summary>
    public IClipBackbone Backbone { get; }

    /// <summary>The tokenizer.</summary>
    public IClipTokenizer Tokenizer { get; }

    /// <summary>The prompt learner (the method).</summary>
    public IPromptLearner Learner { get; }

    /// <summary>The seed given to the builder, if any.</summary>
    public long? Seed { get; }

    /// <summary>Where log messages go.</summary>
    public ILoggerFactory LoggerFactory { get; }

    /// <summary>The method identifier.</summary>
    public string Method => Learner.Method;

    /// <summary>Current classes in label order.</summary>
    public IReadOnlyList<string> ClassNames => Learner.ClassNames;

    /// <summary>Switches the classes (e.g. base → novel) keeping the learned prompts.</summary>
    public void SetClassNames(IEnumerable<string> classNames)
    {
        ThrowIfDisposed();
        Learner.SetClassNames(classNames.ToList());
        InvalidateTextFeatures();
    }

    /// <summary>
    /// Logits <c>[B, C]</c> for normalized images <c>[B, 3, N, N]</c>, without gradients. Text features are cached until
    /// the classes or prompts change.
    /// </summary>
    public Tensor Logits(Tensor images)
    {
        ThrowIfDisposed();
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        Learner.SetTraining(false);
        var cached = Learner.TextDependsOnImage ? null : TextFeatures();
        return Learner.Forward(images, cached).Logits.MoveToOuterDisposeScope();
    }

    /// <summary>Class probabilities <c>[B, C]</c> (softmax of <see cref="Logits"/>).</summary>
    public Tensor Probabilities(Tensor images)
    {
        using var scope = NewDisposeScope();
        return Logits(images).softmax(-1).MoveToOuterDisposeScope();
    }

    /// <summary>The cached normalized class text features <c>[C, d]</c> (owned by the tuner; do not dispose).</summary>
    public Tensor TextFeatures()
    {
        ThrowIfDisposed();
        if (Learner.TextDependsOnImage)
            throw new InvalidOperationException($"{Method} conditions text on each image: there are no image-independent text features.");
        if (_textFeatures is null)
        {
            using var scope = NewDisposeScope();
            using var _ = no_grad();
            _textFeatures = Learner.EncodeClassTexts().detach().MoveToOuterDisposeScope().DetachFromDisposeScope();
        }
        return _textFeatures;
    }

    /// <summary>Drops cached text features (after a training step or a prompt change).</summary>
    public void InvalidateTextFeatures()
    {
        _textFeatures?.Dispose();
        _textFeatures = null;
    }

    /// <summary>Saves the learned prompts (only they, not the CLIP) with method, options, classes and backbone fingerprint.</summary>
    public void SavePrompts(string path)
    {
        ThrowIfDisposed();
        PromptStateFile.Save(Learner, path);
    }

    /// <summary>Loads learned prompts saved by <see cref="SavePrompts"/> (or an upstream export with the official names).</summary>
    public void LoadPrompts(string path, bool requireSameBackbone = true)
    {
        ThrowIfDisposed();
        PromptStateFile.Load(Learner, path, requireSameBackbone);
        InvalidateTextFeatures();
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        InvalidateTextFeatures();
        Learner.Dispose();
        if (_ownsBackbone) Backbone.Dispose();
    }
}
