namespace MaPLe.Data.Readers;

/// <summary>File-system helpers shared by the readers: existence checks with helpful errors and upstream-like listings.</summary>
internal static class DatasetFiles
{
    /// <summary>Throws <see cref="DatasetNotFoundException"/> when <paramref name="path"/> is not a folder.</summary>
    public static string RequireDirectory(string dataset, string path, string remedy)
    {
        if (!Directory.Exists(path))
            throw new DatasetNotFoundException(dataset, path, remedy);
        return path;
    }

    /// <summary>Throws <see cref="DatasetNotFoundException"/> when <paramref name="path"/> is not a file.</summary>
    public static string RequireFile(string dataset, string path, string remedy)
    {
        if (!File.Exists(path))
            throw new DatasetNotFoundException(dataset, path, remedy);
        return path;
    }

    /// <summary>
    /// The lines of a text file, trimmed (Python <c>str.strip()</c>), blank lines dropped. The file must exist.
    /// </summary>
    public static IEnumerable<(int LineNumber, string Text)> ReadLines(string dataset, string path, string remedy)
    {
        RequireFile(dataset, path, remedy);
        var lines = IO.Utf8Text.TryReadLines(path, out var problem)
                    ?? throw new DatasetFormatException(dataset, path, problem! + ".");
        int number = 0;
        foreach (var raw in lines)
        {
            number++;
            var line = raw.Trim();
            if (line.Length > 0)
                yield return (number, line);
        }
    }

    /// <summary>
    /// Non-hidden entries of a folder (upstream <c>listdir_nohidden</c>), sorted ordinally. Upstream leaves file lists in
    /// <c>os.listdir</c> order, which differs between file systems; sorting makes every machine see the same order.
    /// </summary>
    public static List<string> ListNonHidden(string directory, bool directoriesOnly = false)
    {
        var entries = directoriesOnly ? Directory.EnumerateDirectories(directory) : Directory.EnumerateFileSystemEntries(directory);
        var names = entries.Select(Path.GetFileName).OfType<string>().Where(n => !n.StartsWith('.')).ToList();
        names.Sort(StringComparer.Ordinal);
        return names;
    }

    /// <summary>
    /// Non-hidden files of a folder, sorted ordinally, or with <paramref name="fileSystemOrder"/> in the order the file
    /// system returns them (what <c>os.listdir</c> gives upstream on the same machine).
    /// </summary>
    public static List<string> ListFiles(string directory, bool fileSystemOrder = false)
    {
        var names = Directory.EnumerateFiles(directory).Select(Path.GetFileName).OfType<string>().Where(n => !n.StartsWith('.')).ToList();
        if (!fileSystemOrder)
            names.Sort(StringComparer.Ordinal);
        return names;
    }
}
