using System.Diagnostics;
using System.Runtime.InteropServices;
using MaPLe.Cli;
using MaPLe.Tests.TestSupport;
using MaPLe.Training;

namespace MaPLe.Tests.Cli;

/// <summary>Ctrl-C and SIGTERM sent to a real <c>maple train</c> process: it stops at a step, keeps its checkpoint, writes no -o and exits 130/143.</summary>
[Collection("Sequential")]
public sealed class MapleCliSignalTests
{
    private const int SIGINT = 2;
    private const int SIGTERM = 15;

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);

    [Theory]
    [InlineData(SIGINT, ExitCodes.Interrupted)]
    [InlineData(SIGTERM, ExitCodes.Terminated)]
    public async Task ASignalStopsTrainingWithACheckpointAndTheConventionalCode(int signal, int expectedCode)
    {
        if (OperatingSystem.IsWindows()) return;   // POSIX signals
        using var dir = new TempDir();
        string output = dir.File("p.safetensors");
        string checkpoints = Path.Combine(dir.Path, "ck");
        string[] args = ["train", "--weights", SampleAssets.Weights, "--vocab", SampleAssets.Vocabulary, "--dataset", "toyworld", "--method", "coop",
            "--shots", "2", "--epochs", "1000", "--batch-size", "4", "--output", output, "--checkpoints", checkpoints];
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "maple.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();

        // Training is under way once the first epoch line is printed.
        string? line;
        do line = await process.StandardOutput.ReadLineAsync();
        while (line is not null && !line.StartsWith("epoch 1/1000", StringComparison.Ordinal));
        Assert.NotNull(line);
        Assert.Equal(0, kill(process.Id, signal));
        string rest = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        string err = await errors;

        Assert.True(process.ExitCode == expectedCode, $"exit {process.ExitCode}\n{rest}\n{err}");
        Assert.False(File.Exists(output));
        Assert.Contains("To resume, run the same command again", err);
        using var checkpoint = TrainingCheckpoint.Load(checkpoints);
        Assert.True(checkpoint.Info.GlobalStep >= 1);
        Assert.False(File.Exists(Path.Combine(checkpoints, CheckpointFolderLock.FileName)));
    }

    [Fact]
    public void TheFirstSignalCancelsAndASecondIsLeftToTheRuntimeToAbort()
    {
        var error = new StringWriter();
        using var signals = new TerminationSignals(error);
        var first = new PosixSignalContext(PosixSignal.SIGINT);
        signals.Handle(first);
        Assert.True(first.Cancel);   // the process keeps running to write its checkpoint
        Assert.True(signals.Token.IsCancellationRequested);
        Assert.Equal(ExitCodes.Interrupted, signals.ExitCode);
        Assert.Contains("again to abort", error.ToString());

        var second = new PosixSignalContext(PosixSignal.SIGINT);
        signals.Handle(second);
        Assert.False(second.Cancel);   // default handling: the process ends at once
    }

    [Fact]
    public void SigtermMapsTo143()
    {
        using var signals = new TerminationSignals(TextWriter.Null);
        signals.Handle(new PosixSignalContext(PosixSignal.SIGTERM));
        Assert.Equal(ExitCodes.Terminated, signals.ExitCode);
    }
}
