using System.Text;
using MaPLe.Imaging;
using MaPLe.IO;
using MaPLe.Tests.TestSupport;
using MaPLe.Tokenization;

namespace MaPLe.Tests.Hostile;

/// <summary>Images over the pixel budget, FIFOs, link loops, junk vocabularies, UTF-16 class lists, output probes, the checkpoint lock.</summary>
public sealed class InputFileTests
{
    [Fact]
    public void AnImageDeclaringMorePixelsThanTheBudgetIsRefusedBeforeDecoding()
    {
        using var dir = new TempDir();
        string path = dir.File("huge.png");
        File.WriteAllBytes(path, HostileFiles.PngHeader(100_000, 100_000));   // 74 bytes declaring 10 gigapixels
        var e = Assert.Throws<ImageTooLargeException>(() => SkiaImageDecoder.Load(path));
        Assert.Equal((100_000, 100_000), (e.Width, e.Height));
        Assert.Equal(SkiaImageDecoder.DefaultMaxPixels, e.MaxPixels);
        Assert.Contains(path, e.Message);
        Assert.Contains("100000x100000", e.Message);
    }

    [Fact]
    public void ThePixelBudgetIsConfigurable()
    {
        using var dir = new TempDir();
        string path = dir.File("wide.png");
        File.WriteAllBytes(path, HostileFiles.PngHeader(3000, 1000));
        Assert.Throws<ImageTooLargeException>(() => new SkiaImageDecoder { MaxPixels = 2_999_999 }.Decode(path));
        // Within budget the header passes and the stub data is then reported as corrupt, not as too large.
        var e = Assert.Throws<ImageDecodeException>(() => new SkiaImageDecoder { MaxPixels = 3_000_000 }.Decode(path));
        Assert.IsNotType<ImageTooLargeException>(e);
        Assert.Throws<ArgumentOutOfRangeException>(() => new SkiaImageDecoder { MaxPixels = 0 });
    }

    [Fact]
    public void AFifoIsRefusedWithoutBeingOpened()
    {
        using var dir = new TempDir();
        string path = dir.File("pipe.jpg");
        if (!HostileFiles.TryMakeFifo(path)) return;   // no FIFOs on this platform
        var e = Assert.Throws<ImageDecodeException>(() => SkiaImageDecoder.Load(path));
        Assert.Contains("not a regular file", e.Message);
        Assert.Throws<MaPLe.Checkpoints.SafeTensorsFormatException>(() => MaPLe.Checkpoints.SafeTensorsFile.Open(path));
        Assert.Throws<MaPLe.Checkpoints.SafeTensorsFormatException>(() => MaPLe.Clip.ClipBackbone.Load(path));   // sniffed for PyTorch first
        Assert.Throws<TokenizerFileException>(() => ClipTokenizer.FromBpeFile(path));
    }

    [Fact]
    public void ALinkLoopListsEachFileOnceAndFifosAreSkipped()
    {
        using var dir = new TempDir();
        string images = Path.Combine(dir.Path, "images");
        Directory.CreateDirectory(Path.Combine(images, "sub"));
        File.WriteAllBytes(Path.Combine(images, "sub", "a.png"), [1]);
        File.WriteAllBytes(Path.Combine(images, "b.png"), [1]);
        Directory.CreateSymbolicLink(Path.Combine(images, "sub", "loop"), images);   // images/sub/loop → images
        var skipped = new List<string>();
        bool fifo = HostileFiles.TryMakeFifo(Path.Combine(images, "pipe.png"));
        var files = FolderWalk.Files(images, (file, _) => skipped.Add(Path.GetFileName(file)));
        Assert.Equal(["a.png", "b.png"], files.Select(Path.GetFileName).Order(StringComparer.Ordinal));
        if (fifo) Assert.Equal(["pipe.png"], skipped);
    }

    [Fact]
    public void AJunkVocabularyIsRefused()
    {
        using var dir = new TempDir();
        string path = dir.File("junk.txt");
        File.WriteAllText(path, "abcdef");   // a header line and no merges
        Assert.Contains("no merges", Assert.Throws<TokenizerFileException>(() => ClipTokenizer.FromBpeFile(path)).Message);
        File.WriteAllText(path, "#version\nq z\nqz y\nhello world\n");
        var e = Assert.Throws<TokenizerFileException>(() => ClipTokenizer.FromBpeFile(path));
        Assert.Contains("line 4", e.Message);   // "hello" is neither a byte nor an earlier merge
    }

    [Fact]
    public void TheShippedAndReferenceVocabulariesAreValid()
    {
        Assert.True(ClipTokenizer.FromBpeFile(SampleAssets.Vocabulary).VocabularySize > 512);
        Assert.Equal(49408, ClipTokenizer.FromBpeFile(Fixtures.BpeVocab).VocabularySize);
    }

    [Fact]
    public void TheOutputProbeCreatesTheFolderAndLeavesNothingBehind()
    {
        using var dir = new TempDir();
        string folder = Path.Combine(dir.Path, "a", "b");
        Assert.Null(OutputProbe.FolderProblem(folder));
        Assert.Empty(Directory.EnumerateFileSystemEntries(folder));
        File.WriteAllText(dir.File("file"), "x");
        Assert.NotNull(OutputProbe.FolderProblem(dir.File("file")));
        Assert.Equal("the file exists", OutputProbe.FileProblem(dir.File("file"), overwrite: false));
        Assert.Null(OutputProbe.FileProblem(dir.File("file"), overwrite: true));
        Assert.NotNull(OutputProbe.FileProblem(dir.Path, overwrite: true));
    }

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xFE, (byte)'c', 0, (byte)'a', 0, (byte)'t', 0 }, "UTF-16")]
    [InlineData(new byte[] { (byte)'c', 0, (byte)'a', 0, (byte)'t', 0 }, "NUL")]
    [InlineData(new byte[] { (byte)'c', (byte)'a', 0xE9, (byte)'\n' }, "not valid UTF-8")]
    [InlineData(new byte[] { (byte)'a', 0x07, (byte)'\n' }, "control character")]
    public void TextThatIsNotUtf8IsRefused(byte[] bytes, string reason) =>
        Assert.Contains(reason, Utf8Text.Check(bytes, out _));

    [Fact]
    public void Utf8TextWithAByteOrderMarkIsRead()
    {
        Assert.Null(Utf8Text.Check([0xEF, 0xBB, 0xBF, .. "café\r\nx\tb\n"u8], out var text));
        Assert.Equal("café\r\nx\tb\n", text);
    }
}
