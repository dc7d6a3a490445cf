using MaPLe.Clip;
using MaPLe.Imaging;
using MaPLe.Tokenization;
using MaPLe.ToyWorld;
using static TorchSharp.torch;

/// <summary>Zero-shot accuracy of a backbone on toy-world classes with the prompt "a photo of a {class}.".</summary>
static class ZeroShotCheck
{
    public static double Accuracy(IClipBackbone clip, IClipTokenizer tokenizer, IReadOnlyList<ToyColorShape> classes, int seed, int perClass)
    {
        var dataset = new ToyWorldDataset(new ToyWorldDatasetOptions { Classes = classes, Seed = seed, TrainPerClass = 1, ValPerClass = 0, TestPerClass = perClass });
        var transform = new ClipTestTransform(clip.Config.Vision.ImageSize);
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var ids = tokenizer.TokenizeBatch(dataset.ClassNames.Select(c => $"a photo of a {c}.").ToList(), clip.Config.Text.ContextLength);
        var text = nn.functional.normalize(clip.EncodeText(clip.EmbedTokens(ids), ids.argmax(-1)), dim: -1);
        int correct = 0;
        foreach (var chunk in dataset.Test.Chunk(64))
        {
            var images = stack(chunk.Select(item => transform.Apply(item.Source!())).ToArray());
            var image = nn.functional.normalize(clip.EncodeImage(images), dim: -1);
            var pred = image.matmul(text.t()).argmax(-1);
            var labels = tensor(chunk.Select(item => (long)item.Label).ToArray());
            correct += (int)pred.eq(labels).sum().item<long>();
        }
        return 100.0 * correct / dataset.Test.Count;
    }
}
