namespace MaPLe.IO;

/// <summary>
/// Checks, before any work starts, that results can be written: a folder is created if missing and proved writable by
/// creating and removing a probe file, so a read-only or full disk fails in a second rather than after the last epoch.
/// </summary>
internal static class OutputProbe
{
    /// <summary>Why files cannot be written in <paramref name="folder"/> (created when missing), or null when they can.</summary>
    internal static string? FolderProblem(string folder)
    {
        if (File.Exists(folder))
            return "it is a file, not a folder";
        string probe = Path.Combine(folder, $".maple-probe-{Environment.ProcessId}-{Guid.NewGuid():N}");
        try
        {
            Directory.CreateDirectory(folder);
            // A few bytes, flushed: a full disk can accept an empty file but not its data.
            using (var stream = new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.WriteThrough))
                stream.Write("probe"u8);
            File.Delete(probe);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            try { File.Delete(probe); } catch (IOException) { /* best effort: the probe may never have been created */ } catch (UnauthorizedAccessException) { }
            return $"files cannot be written there: {e.Message.TrimEnd('.')}";
        }
    }

    /// <summary>
    /// Why <paramref name="file"/> cannot be written (its folder is probed; an existing file needs
    /// <paramref name="overwrite"/>), or null when it can.
    /// </summary>
    internal static string? FileProblem(string file, bool overwrite)
    {
        if (Directory.Exists(file))
            return "it is a folder; name a file inside it";
        if (File.Exists(file) && !overwrite)
            return "the file exists";
        string folder = Path.GetDirectoryName(Path.GetFullPath(file))!;
        return FolderProblem(folder);
    }
}
