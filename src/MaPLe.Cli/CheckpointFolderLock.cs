using System.Diagnostics;
using System.Globalization;

namespace MaPLe.Cli;

/// <summary>
/// <c>.maple.lock</c> in a checkpoint folder: keeps two runs from writing the same checkpoint. It records the owner's
/// process id and start time, so a lock left by a killed run (no such process, or the id reused by another one) is
/// recognised as stale and taken over.
/// </summary>
public sealed class CheckpointFolderLock : IDisposable
{
    /// <summary>The lock file's name.</summary>
    public const string FileName = ".maple.lock";

    private readonly string _path;
    private readonly string _content;

    private CheckpointFolderLock(string path, string content)
    {
        _path = path;
        _content = content;
    }

    /// <summary>Whether a stale lock (from a process that no longer runs) was replaced.</summary>
    public bool TookOverStaleLock { get; private init; }

    /// <summary>Takes the lock of <paramref name="folder"/> (which must exist).</summary>
    /// <exception cref="InvalidOperationException">Another running process holds it; the message names the process.</exception>
    public static CheckpointFolderLock Acquire(string folder)
    {
        string path = Path.Combine(folder, FileName);
        string content = Describe(Environment.ProcessId, Process.GetCurrentProcess().StartTime);
        bool tookOver = false;
        for (int attempt = 0; attempt < 3; attempt++)
        {
            try
            {
                using (var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None))
                using (var writer = new StreamWriter(stream))
                    writer.Write(content);
                return new CheckpointFolderLock(path, content) { TookOverStaleLock = tookOver };
            }
            catch (IOException) when (File.Exists(path))
            {
                string held = ReadQuietly(path);
                if (Owner(held) is { } owner)
                    throw new InvalidOperationException(
                        $"The checkpoint folder '{folder}' is in use by process {owner.Id} (started {owner.StartTime:u}): wait for that run to finish, " +
                        $"or choose another --checkpoints folder. If no such run exists, delete '{path}'.");
                File.Delete(path);   // stale: its process is gone
                tookOver = true;
            }
        }
        throw new InvalidOperationException($"Cannot take the lock '{path}': other processes keep creating it.");
    }

    /// <summary>The running process a lock file's content names, or null when it is stale or unreadable.</summary>
    internal static Process? Owner(string content)
    {
        var lines = content.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (lines.Length < 2 || !int.TryParse(lines[0], NumberStyles.None, CultureInfo.InvariantCulture, out int pid)
            || !long.TryParse(lines[1], NumberStyles.None, CultureInfo.InvariantCulture, out long startTicks))
            return null;
        try
        {
            var process = Process.GetProcessById(pid);
            // The id may have been reused by a later process: the start time tells them apart.
            return Math.Abs(process.StartTime.ToUniversalTime().Ticks - startTicks) < TimeSpan.TicksPerSecond && !process.HasExited ? process : null;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    /// <summary>A lock file's content for a process.</summary>
    internal static string Describe(int processId, DateTime startTime) =>
        string.Create(CultureInfo.InvariantCulture, $"{processId}\n{startTime.ToUniversalTime().Ticks}\n");

    private static string ReadQuietly(string path)
    {
        try { return File.ReadAllText(path); }
        catch (IOException) { return ""; }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        // Only our own lock is removed (a user may have deleted it and another run taken it meanwhile).
        if (ReadQuietly(_path) == _content)
            File.Delete(_path);
    }
}
