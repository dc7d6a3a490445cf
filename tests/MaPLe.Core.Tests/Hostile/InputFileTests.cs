using System.Text;
using MaPLe.Cli;
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
        Assert.Throws<InvalidDataException>(() => ClipTokenizer.FromBpeFile(path));
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
        Assert.Contains("no merges", Assert.Throws<InvalidDataException>(() => ClipTokenizer.FromBpeFile(path)).Message);
        File.WriteAllText(path, "#version\nq z\nqz y\nhello world\n");
        var e = Assert.Throws<InvalidDataException>(() => ClipTokenizer.FromBpeFile(path));
        Assert.Contains("line 4", e.Message);   // "hello" is neither a byte nor an earlier merge
    }

    [Fact]
    public void TheShippedAndReferenceVocabulariesAreValid()
    {
        Assert.True(ClipTokenizer.FromBpeFile(SampleAssets.Vocabulary).VocabularySize > 512);
        Assert.Equal(49408, ClipTokenizer.FromBpeFile(Fixtures.BpeVocab).VocabularySize);
    }

    [Theory]
    [InlineData("utf-16le")]
    [InlineData("utf-16le-bom")]
    [InlineData("latin1")]
    public void AClassListThatIsNotUtf8IsRefused(string encoding)
    {
        using var dir = new TempDir();
        string path = dir.File("classes.txt");
        byte[] bytes = encoding switch
        {
            "utf-16le" => Encoding.Unicode.GetBytes("cat\ndog\n"),
            "utf-16le-bom" => [0xFF, 0xFE, .. Encoding.Unicode.GetBytes("cat\ndog\n")],
            _ => Encoding.Latin1.GetBytes("café\nchâteau\n"),
        };
        File.WriteAllBytes(path, bytes);
        var e = Assert.Throws<InvalidDataException>(() => CommonOptions.ReadClasses(null, path));
        Assert.Contains(path, e.Message);
        Assert.Contains("UTF", e.Message);
    }

    [Fact]
    public void AUtf8ClassListWithAByteOrderMarkIsRead()
    {
        using var dir = new TempDir();
        string path = dir.File("classes.txt");
        File.WriteAllBytes(path, [0xEF, 0xBB, 0xBF, .. "café\r\ngolden retriever\n\n"u8]);
        Assert.Equal(["café", "golden retriever"], CommonOptions.ReadClasses(null, path));
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

    [Fact]
    public void TheCheckpointLockKeepsASecondRunOutAndIsReleased()
    {
        using var dir = new TempDir();
        using (var held = CheckpointFolderLock.Acquire(dir.Path))
        {
            var e = Assert.Throws<InvalidOperationException>(() => CheckpointFolderLock.Acquire(dir.Path));
            Assert.Contains(Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture), e.Message);
        }
        Assert.False(File.Exists(dir.File(CheckpointFolderLock.FileName)));
        using var again = CheckpointFolderLock.Acquire(dir.Path);
        Assert.False(again.TookOverStaleLock);
    }

    [Fact]
    public void AStaleLockIsTakenOver()
    {
        using var dir = new TempDir();
        // A process that has exited: its id names no running process (or another one, started later).
        using var gone = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("dotnet", "--version") { RedirectStandardOutput = true })!;
        gone.WaitForExit();
        File.WriteAllText(dir.File(CheckpointFolderLock.FileName), CheckpointFolderLock.Describe(gone.Id, DateTime.UtcNow));
        using var taken = CheckpointFolderLock.Acquire(dir.Path);
        Assert.True(taken.TookOverStaleLock);
        // Our own start time with another process's id is stale too (the id was reused).
        Assert.Null(CheckpointFolderLock.Owner(CheckpointFolderLock.Describe(1, DateTime.UtcNow.AddDays(-400))));
    }
}
