using System.Text;
using MaPLe.Cli;
using MaPLe.Tests.TestSupport;

namespace MaPLe.Tests.Cli;

/// <summary>Class lists must be UTF-8 text; the checkpoint folder lock keeps a second run out and takes over a stale lock.</summary>
public sealed class CliInputFileTests
{
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
        var e = Assert.Throws<MalformedFileException>(() => CommonOptions.ReadClasses(null, path));
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
