using System.Runtime.InteropServices;

namespace MaPLe.IO;

/// <summary>
/// Lists the files under a folder, following symbolic links to folders but entering each real folder once, so a link
/// loop (<c>a/b → a</c>) neither repeats files nor recurses until the path is too long.
/// </summary>
internal static partial class FolderWalk
{
    /// <summary>Files under <paramref name="root"/> (all depths), sorted ordinally, each real folder visited once.</summary>
    /// <param name="root">The folder to list.</param>
    /// <param name="skipped">Receives entries that are not readable regular files (FIFOs, devices, broken links) with the reason.</param>
    internal static List<string> Files(string root, Action<string, string>? skipped = null)
    {
        var visited = new HashSet<string>(OperatingSystem.IsWindows() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
        var files = new List<string>();
        var pending = new Stack<string>();
        pending.Push(root);
        var options = new EnumerationOptions { IgnoreInaccessible = true, RecurseSubdirectories = false, AttributesToSkip = 0 };
        while (pending.Count > 0)
        {
            string dir = pending.Pop();
            if (!visited.Add(RealPath(dir)))
                continue;
            foreach (var sub in Directory.EnumerateDirectories(dir, "*", options))
                pending.Push(sub);
            foreach (var file in Directory.EnumerateFiles(dir, "*", options))
            {
                if (InputFiles.Problem(file) is { } problem)
                {
                    skipped?.Invoke(file, problem);
                    continue;
                }
                files.Add(file);
            }
        }
        files.Sort(StringComparer.Ordinal);
        return files;
    }

    /// <summary>The folder's canonical path (every link resolved), to recognise a folder reached twice.</summary>
    internal static string RealPath(string path)
    {
        if (!OperatingSystem.IsWindows())
        {
            IntPtr resolved = realpath(path, IntPtr.Zero);
            if (resolved != IntPtr.Zero)
            {
                try { return Marshal.PtrToStringUTF8(resolved) ?? Path.GetFullPath(path); }
                finally { free(resolved); }
            }
        }
        var full = Path.GetFullPath(path);
        try
        {
            return Directory.ResolveLinkTarget(full, returnFinalTarget: true)?.FullName ?? full;
        }
        catch (IOException)
        {
            return full;
        }
    }

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial IntPtr realpath(string path, IntPtr resolved);

    [LibraryImport("libc")]
    private static partial void free(IntPtr pointer);
}
