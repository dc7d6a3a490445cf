namespace MaPLe.IO;

/// <summary>
/// Checks a path names a readable regular file before anything opens it: opening a FIFO blocks until a writer comes,
/// a device streams forever, a symbolic-link loop never resolves.
/// </summary>
internal static class InputFiles
{
    /// <summary>Why <paramref name="path"/> cannot be read as an input file, or null when it can.</summary>
    /// <remarks>
    /// .NET reports no file type beyond file/folder/link on Unix, but FIFOs, sockets and devices all have a size of
    /// zero, so an empty "file" is refused before it is opened — an empty input is malformed anyway.
    /// </remarks>
    internal static string? Problem(string path)
    {
        FileInfo info;
        try
        {
            info = new FileInfo(path);
            if (info.LinkTarget is not null && info.ResolveLinkTarget(returnFinalTarget: true) is not { Exists: true })
                return "it is a symbolic link whose target does not exist";
        }
        catch (IOException)
        {
            return "it is a symbolic link that cannot be resolved (a link loop)";
        }
        catch (Exception e) when (e is UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            return "the path cannot be read: " + e.Message;
        }
        if (Directory.Exists(path))
            return "it is a folder, not a file";
        if (!info.Exists)
            return "the file does not exist";
        if (info.Length == 0)
            return "the file is empty, or not a regular file (a FIFO, socket or device)";
        return null;
    }

    /// <summary>Whether <paramref name="path"/> can be read as an input file (see <see cref="Problem"/>).</summary>
    internal static bool IsReadable(string path) => Problem(path) is null;
}
