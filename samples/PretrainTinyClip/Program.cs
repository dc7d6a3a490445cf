// Pretrains the tiny CLIP that the samples ship (samples/assets/): a BPE vocabulary learned from toy-world captions,
// then contrastive training of a small ViT CLIP on image–caption pairs whose colour×shape pairs exclude the held-out
// (novel) classes of the QuickStart. Usage:
//   dotnet run -c Release --project samples/PretrainTinyClip -- [--steps 1000] [--batch 64] [--out samples/assets] [--seed 0] [--threads N]
using System.Diagnostics;
using MaPLe.Checkpoints;
using MaPLe.Clip;
using MaPLe.Clip.Modules;
using MaPLe.Pretraining;
using MaPLe.Tokenization;
using MaPLe.ToyWorld;
using MaPLe.Tuning;
using MaPLe.Data;
using static TorchSharp.torch;

var options = PretrainArguments.Parse(args);
set_num_threads(options.Threads);
Directory.CreateDirectory(options.OutputDir);

var split = ToyWorldTask.Split;   // the QuickStart's base/novel classes: their novel pairs are held out here
var world = new ToyWorldOptions { ImageSize = 64 };
var corpus = new ToyCaptionCorpus(options.Seed, int.MaxValue, world, split.Holdout);
Console.WriteLine($"Held-out (novel) colour×shape pairs: {string.Join(", ", split.Holdout)}");

// 1. Vocabulary: CLIP's byte-level BPE algorithm and file format, learned from captions and class prompts.
var watch = Stopwatch.StartNew();
var texts = Enumerable.Range(0, 20_000).Select(i => corpus.GetCaption(i, i % 4))
    .Concat(split.AllClasses.Select(c => $"a photo of a {c}."));
var merges = new BpeTrainer(new BpeTrainerOptions { MergeCount = options.Merges, MinFrequency = 2 }).Train(texts);
string vocabPath = Path.Combine(options.OutputDir, "toyclip-vocab.txt.gz");
merges.Save(vocabPath);
var tokenizer = ClipTokenizer.FromBpeFile(vocabPath);
Console.WriteLine($"BPE: {merges.Merges.Count} merges, {tokenizer.VocabularySize} tokens ({watch.Elapsed.TotalSeconds:F1} s) -> {vocabPath}");

// 2. Model: the same architecture as OpenAI CLIP, small: ViT patch 8 on 64×64 (9 blocks, so MaPLe's depth 9 fits) and a
// 12-block causal text tower; 2 heads of width/2 (the head count is stored in the weights' metadata).
var config = new ClipConfig(
    new ClipVisionConfig(Width: options.Width, Layers: options.Layers, Heads: 2, PatchSize: 8, ImageSize: 64),
    new ClipTextConfig(Width: options.Width, Layers: 12, Heads: 2, ContextLength: 32, VocabularySize: tokenizer.VocabularySize),
    EmbedDim: options.Width);
manual_seed(options.Seed);
using var model = new ClipModel(config);
using (var generator = new Generator((ulong)options.Seed))
    model.InitializeLikeOpenAI(generator);
Console.WriteLine($"Model: {config}; {model.parameters().Sum(p => p.numel()):N0} parameters");

// 3. Contrastive pretraining.
var pretrainer = new ContrastivePretrainer(model, tokenizer, new ContrastivePretrainingOptions
{
    Steps = options.Steps, BatchSize = options.Batch, LearningRate = options.LearningRate, WarmupSteps = Math.Min(200, options.Steps / 10),
});
watch.Restart();
var progress = new MaPLe.Training.SynchronousProgress<PretrainingProgress>(p =>
{
    if (p.Step % 10 == 0 || p.Step == p.Steps)
        Console.WriteLine($"step {p.Step,5}/{p.Steps}  loss {p.Loss:F4}  lr {p.LearningRate:E2}  scale {p.LogitScale,6:F2}  {p.PairsPerSecond,6:F0} pairs/s  elapsed {watch.Elapsed:hh\\:mm\\:ss}");
});
pretrainer.Train(i => { int index = (int)(i % int.MaxValue); return (corpus.GetImage(index), corpus.GetCaption(index, (int)(i % 7))); }, progress);

string weightsPath = Path.Combine(options.OutputDir, "toyclip.safetensors");
ClipWeights.Save(model, weightsPath, ScalarType.Float16, new Dictionary<string, string>
{
    ["description"] = "Tiny CLIP pretrained by samples/PretrainTinyClip on the MaPLe.NET toy world",
    ["seed"] = options.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture),
    ["steps"] = options.Steps.ToString(System.Globalization.CultureInfo.InvariantCulture),
    ["holdout"] = string.Join(";", split.Holdout),
});
Console.WriteLine($"Saved {weightsPath} ({new FileInfo(weightsPath).Length / 1024} KiB) after {watch.Elapsed:hh\\:mm\\:ss}");

// 4. Sanity check: zero-shot accuracy of the saved weights on base and held-out classes, in the pretraining domain.
using var clip = ClipBackbone.Load(weightsPath);
foreach (var (name, classes) in new[] { ("base", split.BaseClasses), ("novel (held out)", split.NovelClasses) })
{
    var dataset = new ToyWorldDataset(new ToyWorldDatasetOptions { Classes = classes, Seed = options.Seed + 1000, TrainPerClass = 1, ValPerClass = 0, TestPerClass = 20 });
    using var zeroShot = new PromptTunerBuilder().UseBackbone(clip).UseTokenizer(tokenizer).UseZeroShot().UseClassNames(dataset.PromptClassNames()).Build();
    var report = await zeroShot.EvaluateAsync(dataset.Test);
    Console.WriteLine($"zero-shot accuracy on {name} classes: {report.Accuracy:F1}%");
}
