using MaPLe.Checkpoints.PyTorch;
using MaPLe.Prompting.Official;
using MaPLe.Clip;
using MaPLe.Evaluation;
using MaPLe.Imaging;
using MaPLe.Prompting;
using MaPLe.Training;
using MaPLe.Tokenization;
using Microsoft.Extensions.Logging;
using static TorchSharp.torch;

namespace MaPLe.Tuning;

/// <summary>
/// A frozen CLIP plus one prompt learner: classifies image batches over the current classes, switches class sets
/// without rebuilding (learned prompts are kept, as upstream evaluates base-trained prompts on novel classes), saves and
/// loads the learned prompts, and trains them (<c>FitAsync</c>). A thin facade: training is <see cref="PromptTrainer"/>,
/// evaluation <see cref="PromptEvaluator"/>, both on <see cref="Learner"/>, whose class text features are cached per
/// prompt state (<see cref="IPromptLearner.PromptVersion"/>), never per batch. While a <c>FitAsync</c> or
/// <c>EvaluateAsync</c> runs, every member that reads or changes the prompts throws <see cref="InvalidOperationException"/>.
/// </summary>
public sealed partial class PromptTuner : IDisposable
{
    private readonly bool _ownsBackbone;
    private bool _disposed;

    internal PromptTuner(IClipBackbone backbone, bool ownsBackbone, IClipTokenizer tokenizer, IPromptLearner learner, long? seed, ILoggerFactory loggerFactory)
    {
        Backbone = backbone;
        _ownsBackbone = ownsBackbone;
        Tokenizer = tokenizer;
        Learner = learner;
        Seed = seed;
        LoggerFactory = loggerFactory;
        Preprocessing = new ImagePreprocessing(backbone.Config.Vision.ImageSize);
    }

    /// <summary>
    /// The image preprocessing of <see cref="Backbone"/> — training and test transforms at its input resolution, as
    /// open_clip returns them with the model. <c>FitAsync</c>/<c>EvaluateAsync</c> on image items and the protocols on
    /// datasets use it; use <see cref="ImagePreprocessing.Test"/> to prepare images for <see cref="Logits"/>.
    /// </summary>
    public ImagePreprocessing Preprocessing { get; }

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
    /// <exception cref="InvalidOperationException">A <c>FitAsync</c> or <c>EvaluateAsync</c> of this tuner is running.</exception>
    public void SetClassNames(IEnumerable<string> classNames)
    {
        ThrowIfDisposed();
        ArgumentNullException.ThrowIfNull(classNames);
        using var _ = LearnerJobs.Enter(Learner, "PromptTuner.SetClassNames");
        Learner.SetClassNames(classNames.ToList());
    }

    /// <summary>
    /// Logits <c>[B, C]</c> for normalized images <c>[B, 3, N, N]</c>, without gradients. Text features are cached until
    /// the classes or prompts change.
    /// </summary>
    /// <exception cref="InvalidOperationException">A <c>FitAsync</c> or <c>EvaluateAsync</c> of this tuner is running.</exception>
    public Tensor Logits(Tensor images)
    {
        ThrowIfDisposed();
        using var claim = LearnerJobs.Enter(Learner, "PromptTuner.Logits");
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        Learner.SetTraining(false);
        return Learner.Forward(images).Logits.MoveToOuterDisposeScope();
    }

    /// <summary>Class probabilities <c>[B, C]</c> (softmax of <see cref="Logits"/>).</summary>
    public Tensor Probabilities(Tensor images)
    {
        using var scope = NewDisposeScope();
        return Logits(images).softmax(-1).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The normalized class text features <c>[C, d]</c>: a new handle on the learner's cached features (dispose it, or let
    /// a dispose scope do it; the cache keeps its own).
    /// </summary>
    /// <exception cref="InvalidOperationException">The method conditions text on each image, or a fit or evaluation is running.</exception>
    public Tensor TextFeatures()
    {
        ThrowIfDisposed();
        if (Learner.TextDependsOnImage)
            throw new InvalidOperationException($"{Method} conditions text on each image: there are no image-independent text features.");
        using var claim = LearnerJobs.Enter(Learner, "PromptTuner.TextFeatures");
        using var _ = no_grad();
        return Learner.EncodeClassTexts();
    }

    /// <summary>Does nothing: cached text features follow the prompt state by themselves (<see cref="IPromptLearner.PromptVersion"/>).</summary>
    [Obsolete("Cached text features are keyed by IPromptLearner.PromptVersion and never stale; there is nothing to invalidate. Remove the call.")]
    public void InvalidateTextFeatures()
    {
    }

    /// <summary>Saves the learned prompts (only they, not the CLIP) with method, options, classes and backbone fingerprint.</summary>
    /// <exception cref="InvalidOperationException">A <c>FitAsync</c> or <c>EvaluateAsync</c> of this tuner is running.</exception>
    public void SavePrompts(string path)
    {
        ThrowIfDisposed();
        using var _ = LearnerJobs.Enter(Learner, "PromptTuner.SavePrompts");
        PromptStateFile.Save(Learner, path);
    }

    /// <summary>
    /// Loads learned prompts saved by <see cref="SavePrompts"/> (or an upstream export with the official names), or an
    /// official trainer's checkpoint (<c>model.pth.tar-N</c>, read safely; see <see cref="OfficialCheckpoint.Load"/>).
    /// </summary>
    /// <exception cref="InvalidOperationException">A <c>FitAsync</c> or <c>EvaluateAsync</c> of this tuner is running.</exception>
    public void LoadPrompts(string path, bool requireSameBackbone = true)
    {
        ThrowIfDisposed();
        using var _ = LearnerJobs.Enter(Learner, "PromptTuner.LoadPrompts");
        if (PyTorchFile.IsPyTorchFile(path))
            OfficialCheckpoint.Load(Learner, path);
        else
            PromptStateFile.Load(Learner, path, requireSameBackbone);
    }

    /// <summary>
    /// Writes the learned prompts as the official trainer's checkpoint (<c>folder/&lt;ModelName&gt;/model.pth.tar-epoch</c>
    /// and <c>checkpoint</c>), which the official code's <c>load_model</c> accepts. Returns the checkpoint's path.
    /// </summary>
    public string ExportOfficialCheckpoint(string folder, int epoch)
    {
        ThrowIfDisposed();
        using var _ = LearnerJobs.Enter(Learner, "PromptTuner.ExportOfficialCheckpoint");
        return OfficialCheckpoint.Export(Learner, folder, epoch);
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);

    /// <summary>Frees the prompts (and the backbone when the tuner loaded it).</summary>
    /// <exception cref="InvalidOperationException">A <c>FitAsync</c> or <c>EvaluateAsync</c> of this tuner is still running: await (or cancel and await) it first.</exception>
    public void Dispose()
    {
        if (_disposed) return;
        using (LearnerJobs.Enter(Learner, "PromptTuner.Dispose"))
            _disposed = true;
        Learner.Dispose();
        if (_ownsBackbone) Backbone.Dispose();
    }
}
