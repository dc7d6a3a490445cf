using System.Diagnostics;
using MaPLe.Clip.Modules;
using MaPLe.Imaging;
using MaPLe.Tokenization;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MaPLe.Pretraining;

/// <summary>
/// Trains a whole <see cref="ClipModel"/> contrastively on image–caption pairs (symmetric cross-entropy over the batch's
/// cosine similarities, learnable temperature clamped at 100 as in CLIP), with AdamW, warm-up and cosine decay. Used to make
/// the tiny CLIP the samples ship; works for any size. The loop runs synchronously on the calling thread.
/// </summary>
public sealed class ContrastivePretrainer
{
    private static readonly double MaxLogScale = Math.Log(100);
    private readonly ClipModel _model;
    private readonly IClipTokenizer _tokenizer;
    private readonly ContrastivePretrainingOptions _options;
    private readonly ClipTestTransform _transform;

    /// <summary>Prepares pretraining of <paramref name="model"/> (its parameters will require gradients).</summary>
    public ContrastivePretrainer(ClipModel model, IClipTokenizer tokenizer, ContrastivePretrainingOptions options)
    {
        _model = model ?? throw new ArgumentNullException(nameof(model));
        _tokenizer = tokenizer ?? throw new ArgumentNullException(nameof(tokenizer));
        _options = (options ?? throw new ArgumentNullException(nameof(options))).Validate();
        if (tokenizer.VocabularySize != model.Config.Text.VocabularySize)
            throw new ArgumentException($"Tokenizer has {tokenizer.VocabularySize} tokens but the model's embedding has {model.Config.Text.VocabularySize} rows.", nameof(tokenizer));
        _transform = new ClipTestTransform(model.Config.Vision.ImageSize);
    }

    /// <summary>
    /// Runs <see cref="ContrastivePretrainingOptions.Steps"/> steps. <paramref name="pair"/> returns the image and caption
    /// of a global sample index (step × batch + i), so a run is reproducible from its index stream.
    /// </summary>
    /// <returns>The loss of every step.</returns>
    public IReadOnlyList<double> Train(Func<long, (RgbImage Image, string Caption)> pair, IProgress<PretrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pair);
        var decayed = new List<Parameter>();
        var undecayed = new List<Parameter>();
        foreach (var (name, p) in _model.named_parameters())
        {
            p.requires_grad = true;
            (p.dim() >= 2 && !name.Contains("embedding", StringComparison.Ordinal) ? decayed : undecayed).Add(p);
        }
        // TorchSharp's AdamW computes PyTorch's update (decoupled decay, bias-corrected denominator); two parameter
        // groups give the decay to weight matrices only, as CLIP's training does.
        using var optimizer = torch.optim.AdamW(
        [
            new TorchSharp.Modules.AdamW.ParamGroup(decayed, weight_decay: _options.WeightDecay),
            new TorchSharp.Modules.AdamW.ParamGroup(undecayed, weight_decay: 0),
        ], lr: 0, beta1: 0.9, beta2: 0.98, eps: 1e-6);
        _model.train();
        int b = _options.BatchSize;
        int side = _model.Config.Vision.ImageSize;
        int context = _model.Config.Text.ContextLength;
        var pixels = new float[b * 3 * side * side];
        var ids = new long[b * context];
        var losses = new List<double>(_options.Steps);
        for (int step = 0; step < _options.Steps; step++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var watch = Stopwatch.StartNew();
            FillBatch(pair, (long)step * b, pixels, ids, side, context);
            double lr = _options.LearningRateAt(step);
            double loss;
            using (var scope = NewDisposeScope())
            {
                var images = tensor(pixels, [b, 3, side, side]);
                var tokens = tensor(ids, [b, context]);
                var logits = _model.forward(images, tokens);
                var target = arange(b, ScalarType.Int64);
                var l = (nn.functional.cross_entropy(logits, target) + nn.functional.cross_entropy(logits.t(), target)) / 2;
                optimizer.zero_grad();
                l.backward();
                double norm = _options.GradientClip > 0
                    ? nn.utils.clip_grad_norm_(_model.parameters(), _options.GradientClip)
                    : 0;
                if (double.IsFinite(norm))
                {
                    foreach (var group in optimizer.ParamGroups)
                        group.LearningRate = lr;
                    optimizer.step();
                }
                using (no_grad())
                    _model.logit_scale.clamp_(0, MaxLogScale);
                loss = l.item<float>();
            }
            if (!double.IsFinite(loss))
                throw new InvalidOperationException($"Pretraining diverged at step {step + 1}: loss is {loss}. Lower the learning rate.");
            losses.Add(loss);
            progress?.Report(new PretrainingProgress(step + 1, _options.Steps, loss, lr,
                Math.Exp(_model.logit_scale.item<float>()), b / Math.Max(1e-9, watch.Elapsed.TotalSeconds)));
        }
        _model.eval();
        foreach (var p in _model.parameters()) p.requires_grad = false;
        return losses;
    }

    private void FillBatch(Func<long, (RgbImage Image, string Caption)> pair, long first, float[] pixels, long[] ids, int side, int context)
    {
        int plane = 3 * side * side;
        var captions = new string[pixels.Length / plane];
        Parallel.For(0, captions.Length, i =>
        {
            var (image, caption) = pair(first + i);
            captions[i] = caption;
            _transform.ApplyInto(image, pixels.AsSpan(i * plane, plane));
        });
        for (int i = 0; i < captions.Length; i++)
        {
            var row = _tokenizer.Tokenize(captions[i], context, truncate: true);
            for (int j = 0; j < context; j++) ids[i * context + j] = row[j];
        }
    }
}
