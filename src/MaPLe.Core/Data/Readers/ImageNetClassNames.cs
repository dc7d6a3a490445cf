namespace MaPLe.Data.Readers;

/// <summary>
/// ImageNet's <c>classnames.txt</c> ("&lt;wnid&gt; &lt;class name…&gt;" per line, from CLIP's prompt-engineering notebook), in
/// file order (upstream <c>ImageNet.read_classnames</c>).
/// </summary>
internal static class ImageNetClassNames
{
    /// <summary>Reads the file: folder (wnid) → class name, keeping file order.</summary>
    /// <exception cref="DatasetNotFoundException">The file is missing.</exception>
    public static IReadOnlyList<KeyValuePair<string, string>> Read(string file, string datasetName = "ImageNet")
    {
        ArgumentNullException.ThrowIfNull(file);
        var remedy = datasetName == "ImageNet"
            ? "Download classnames.txt (link in the CoOp DATASETS.md) into the imagenet folder."
            : "Copy classnames.txt from the imagenet folder (see the CoOp DATASETS.md).";
        var result = new List<KeyValuePair<string, string>>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (number, line) in DatasetFiles.ReadLines(datasetName, file, remedy))
        {
            int space = line.IndexOf(' ');
            var folder = space < 0 ? line : line[..space];
            var name = space < 0 ? "" : line[(space + 1)..];
            if (!seen.Add(folder))
                throw new DatasetFormatException(datasetName, file, $"line {number}: folder '{folder}' is listed twice.");
            result.Add(new(folder, name));
        }
        return result;
    }
}
