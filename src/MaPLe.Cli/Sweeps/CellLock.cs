using System.Text.Json;
using MaPLe.Data;

namespace MaPLe.Cli.Sweeps;

/// <summary>Who holds (or held) a cell: written beside the lock so other workers can say who runs the cell.</summary>
/// <param name="Host">Machine name.</param>
/// <param name="Pid">Process id.</param>
/// <param name="StartedUtc">When the worker took the cell.</param>
public sealed record CellLockOwner(string Host, int Pid, DateTime StartedUtc)
{
    /// <inheritdoc />
    public override string ToString() => $"host {Host}, pid {Pid}, since {StartedUtc:u}";
}

/// <summary>
/// Keeps two workers off one cell. The lock is an operating-system file lock on <c>.maple.lock</c> in the cell folder
/// (exclusive open; flock on Linux, also across NFSv4 clients), so the kernel releases it when a worker dies — even
/// by <c>kill -9</c> or a lost node (on NFS when the server's lease expires). The owner note beside it
/// (<c>.maple.lock.owner</c>) outlives a dead worker: the next worker reports it as a stale lock it took over.
/// </summary>
public sealed class CellLock : IDisposable
{
    private readonly FileStream _stream;
    private readonly string _ownerPath;
    private bool _disposed;

    private CellLock(FileStream stream, string ownerPath, CellLockOwner? stale)
    {
        _stream = stream;
        _ownerPath = ownerPath;
        TookOverFrom = stale;
    }

    /// <summary>The owner of a stale lock this worker took over (its process had died), if any.</summary>
    public CellLockOwner? TookOverFrom { get; }

    /// <summary>Takes the lock of <paramref name="folder"/>, or returns null (and the current owner, if known) when a live worker holds it.</summary>
    public static CellLock? TryAcquire(string folder, out CellLockOwner? holder)
    {
        Directory.CreateDirectory(folder);
        string path = Path.Combine(folder, CellFiles.Lock);
        string ownerPath = path + ".owner";
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException) when (File.Exists(path))
        {
            holder = ReadOwner(ownerPath);
            return null;
        }
        holder = null;
        var stale = ReadOwner(ownerPath);
        var me = new CellLockOwner(Environment.MachineName, Environment.ProcessId, DateTime.UtcNow);
        AtomicFile.WriteAllText(ownerPath, JsonSerializer.Serialize(me, RunSpec.Json));
        return new CellLock(stream, ownerPath, stale);
    }

    /// <summary>Whether a live worker holds the lock of <paramref name="folder"/> (false when the folder has no lock file).</summary>
    public static bool IsHeld(string folder)
    {
        string path = Path.Combine(folder, CellFiles.Lock);
        if (!File.Exists(path)) return false;
        try
        {
            using var probe = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
            return false;
        }
        catch (IOException)
        {
            return File.Exists(path);
        }
    }

    private static CellLockOwner? ReadOwner(string path)
    {
        try
        {
            return File.Exists(path) ? JsonSerializer.Deserialize<CellLockOwner>(File.ReadAllText(path), RunSpec.Json) : null;
        }
        catch (Exception e) when (e is IOException or JsonException)
        {
            return null;   // a torn or vanished note only loses the message, never the lock
        }
    }

    /// <summary>Removes the owner note, then releases the lock.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        try
        {
            File.Delete(_ownerPath);
        }
        finally
        {
            _stream.Dispose();
        }
    }
}
