using MaPLe.ToyWorld;

namespace MaPLe.Tests.ToyWorld;

public class ToyCaptionCorpusTests
{
    [Fact]
    public void Pairs_AreDeterministic_AndMatchTheirScene()
    {
        var a = new ToyCaptionCorpus(8, 100);
        var b = new ToyCaptionCorpus(8, 100);
        foreach (var i in new[] { 0, 17, 99 })
        {
            var pa = a[i];
            var pb = b[i];
            Assert.Equal(pa.Scene, pb.Scene);
            Assert.Equal(pa.Caption, pb.Caption);
            Assert.Equal(pa.Image.Pixels, pb.Image.Pixels);
            Assert.Equal(i, pa.Index);
            Assert.Contains(ToyVocabulary.Word(pa.Scene.Shape), pa.Caption);
            Assert.Equal(64, pa.Image.Width);
        }
    }

    [Fact]
    public void CaptionVariants_DescribeTheSameImageDifferently()
    {
        var corpus = new ToyCaptionCorpus(8, 10);
        var variants = Enumerable.Range(0, 20).Select(v => corpus.GetCaption(3, v)).ToArray();
        Assert.Equal(corpus.GetCaption(3), variants[0]);
        Assert.True(variants.Distinct().Count() > 5);
        var shape = ToyVocabulary.Word(corpus.GetScene(3).Shape);
        Assert.All(variants, v => Assert.Contains(shape, v));
    }

    [Fact]
    public void Enumeration_YieldsCountPairs_AndIndexesAreChecked()
    {
        var corpus = new ToyCaptionCorpus(1, 5, ToyWorldOptions.Clean with { ImageSize = 16 });
        Assert.Equal([0, 1, 2, 3, 4], corpus.Select(p => p.Index));
        Assert.Throws<ArgumentOutOfRangeException>(() => corpus[5]);
        Assert.Throws<ArgumentOutOfRangeException>(() => corpus.GetScene(-1));
    }
}
