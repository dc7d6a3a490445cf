using MaPLe.Data;
using MaPLe.Data.Loading;
using MaPLe.Imaging;
using MaPLe.Tests.Training;
using MaPLe.Training;
using static TorchSharp.torch;

namespace MaPLe.Tests.Data;

/// <summary>
/// One preprocessing pipeline: the tuner's transforms at the backbone's resolution, written by the loader straight into
/// the batch (no per-image tensor), identical to the per-image transform.
/// </summary>
public sealed class PreprocessingPipelineTests
{
    private const int N = 16;

    [Fact]
    public void TheTunersPreprocessingIsAtTheBackbonesResolution()
    {
        using var tuner = TinyTuners.Create(SyntheticData.AllClassNames[..2]);
        int resolution = tuner.Backbone.Config.Vision.ImageSize;
        Assert.Equal(resolution, tuner.Preprocessing.Resolution);
        Assert.Equal(resolution, tuner.Preprocessing.Train.Resolution);
        Assert.Equal(resolution, tuner.Preprocessing.Test.Resolution);
        Assert.Equal(ClipTransformOptions.Default.Mean, tuner.Preprocessing.Options.Mean);
    }

    [Fact]
    public void TheLoaderWritesTransformsIntoTheBatchWithoutPerImageTensors()
    {
        var items = Enumerable.Range(0, 6).Select(i => new ImageItem($"img{i}", i % 2, "c") { Source = () => TestImages.Image(i, 23, 17) }).ToList();
        var train = new IntoOnly(new ClipTrainTransform(N));
        var loader = new ImageBatchLoader(items, new PpmTestDecoder(), train, ImageBatchLoaderOptions.ForTraining(2, items.Count, seed: 4) with { Workers = 2 });

        foreach (var batch in loader.ReadEpoch(1))
        {
            using (batch)
            {
                Assert.Equal([batch.Count, 3L, N, N], batch.Images.shape);
                var pixels = batch.Images.data<float>().ToArray();
                for (int k = 0; k < batch.Count; k++)
                {
                    // The same sample through the per-image path, with the loader's seed for it.
                    int index = batch.Indices![k];
                    using var expected = train.Inner.Apply(TestImages.Image(index, 23, 17), new Random(loader.SampleSeed(1, index)));
                    Assert.Equal(expected.data<float>().ToArray(), pixels.AsSpan(k * 3 * N * N, 3 * N * N).ToArray());
                }
                Assert.Equal(batch.Items!.Select(i => (long)i.Label), batch.Labels.data<long>().ToArray());
            }
        }
        Assert.Equal(0, train.ApplyCalls);
        Assert.Equal(6, train.ApplyIntoCalls);
    }

    [Fact]
    public void ACustomTransformWithOnlyApplyStillWorks()
    {
        var items = new List<ImageItem> { new("g", 1, "g") { Source = () => TestImages.Image(2) } };
        var loader = new ImageBatchLoader(items, new PpmTestDecoder(), new NearestTestTransform(N), ImageBatchLoaderOptions.ForEvaluation(1));
        using var batch = loader.ReadEpoch(0).Single();
        using var expected = new NearestTestTransform(N).Apply(TestImages.Image(2), new Random(0));
        Assert.Equal(expected.data<float>().ToArray(), batch.Images.data<float>().ToArray());
    }

    /// <summary>A transform whose per-image tensor path must not be used by the loader.</summary>
    private sealed class IntoOnly(ClipTrainTransform inner) : IImageTransform
    {
        private int _apply, _applyInto;
        public ClipTrainTransform Inner => inner;
        public int ApplyCalls => _apply;
        public int ApplyIntoCalls => _applyInto;
        public int Resolution => inner.Resolution;

        public Tensor Apply(RgbImage image, Random random)
        {
            Interlocked.Increment(ref _apply);
            return inner.Apply(image, random);
        }

        public void ApplyInto(RgbImage image, Random random, Span<float> destination)
        {
            Interlocked.Increment(ref _applyInto);
            inner.ApplyInto(image, random, destination);
        }
    }
}
