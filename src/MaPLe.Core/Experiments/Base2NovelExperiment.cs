using System.Diagnostics;
using MaPLe.Clip;
using MaPLe.Data;
using MaPLe.Evaluation;
using MaPLe.Tokenization;
using MaPLe.Training;
using MaPLe.Tuning;

namespace MaPLe.Experiments;

/// <summary>
/// The paper's base-to-novel protocol for several methods on one backbone: train each method on the base classes'
/// few-shot set, evaluate on base test images, switch the class set to the novel classes (keeping the learned prompts)
/// and evaluate on novel test images; report base, novel and harmonic mean.
/// </summary>
public sealed class Base2NovelExperiment
{
    private readonly IClipBackbone _backbone;
    private readonly IClipTokenizer _tokenizer;
    private readonly Base2NovelExperimentOptions _options;

    /// <summary>Prepares the experiment on a shared backbone (not disposed by the experiment).</summary>
    public Base2NovelExperiment(IClipBackbone backbone, IClipTokenizer tokenizer, Base2NovelExperimentOptions options)
    {
        _backbone = backbone ?? throw new ArgumentNullException(nameof(backbone));
        _tokenizer = tokenizer ?? throw new ArgumentNullException(nameof(tokenizer));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        if (options.Methods.Count == 0)
            throw new ArgumentException("Give at least one method.", nameof(options));
    }

    /// <summary>Raised when a method starts ("maple", training recipe) — for console output.</summary>
    public event Action<string, TrainingOptions?>? MethodStarted;

    /// <summary>Runs every method. <paramref name="baseData"/> supplies the training set and base test set; <paramref name="novelData"/> the novel test set.</summary>
    public async Task<IReadOnlyList<MethodRun>> RunAsync(IImageDataset baseData, IImageDataset novelData,
        IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var runs = new List<MethodRun>();
        foreach (var method in _options.Methods)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var tuner = new PromptTunerBuilder()
                .UseBackbone(_backbone)
                .UseTokenizer(_tokenizer)
                .UseMethod(method)
                .UseClassNames(baseData.PromptClassNames())
                .UseSeed(_options.Seed)
                .Build();
            TrainingResult? training = null;
            var watch = Stopwatch.StartNew();
            if (PromptMethods.Of(method).CanTrain)
            {
                var recipe = _options.TrainingFor(method.Method);
                MethodStarted?.Invoke(method.Method, recipe);
                training = await tuner.FitAsync(baseData.Train, recipe, progress, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                MethodStarted?.Invoke(method.Method, null);
            }
            double seconds = watch.Elapsed.TotalSeconds;
            var result = await tuner.EvaluateBase2NovelAsync(baseData, novelData, cancellationToken: cancellationToken).ConfigureAwait(false);
            runs.Add(new MethodRun(method.Method, tuner.Learner.TrainableParameterCount, training, result, seconds));
        }
        return runs;
    }
}
