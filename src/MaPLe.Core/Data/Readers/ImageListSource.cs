using System.Globalization;
using System.Text;
using System.Text.Json;

namespace MaPLe.Data.Readers;

/// <summary>
/// Users' own data as a list file of (path, label[, classname]):
/// <list type="bullet">
/// <item>CSV (<c>.csv</c>; <c>.tsv</c> tab-separated): one item per line, an optional header line
/// (<c>path,label,classname</c>), RFC-4180 quoting.</item>
/// <item>JSON (<c>.json</c>): an array of <c>[path, label, classname]</c> triples or of
/// <c>{"path": …, "label": …, "classname": …}</c> objects.</item>
/// </list>
/// Relative paths are resolved against the list file's folder (or a given base folder). Without a classname column, the
/// names come from the <c>classNames</c> argument.
/// </summary>
internal static class ImageListSource
{
    /// <summary>Reads <paramref name="file"/> (format by extension).</summary>
    /// <exception cref="DatasetNotFoundException">The file is missing.</exception>
    /// <exception cref="DatasetFormatException">A line or entry is malformed, or a class name is unknown.</exception>
    public static List<ImageItem> Read(string file, string? baseDirectory = null, IReadOnlyList<string>? classNames = null, string datasetName = "ImageList")
    {
        ArgumentNullException.ThrowIfNull(file);
        DatasetFiles.RequireFile(datasetName, file, "Write a list file with one (path, label, classname) entry per image.");
        var baseDir = baseDirectory ?? Path.GetDirectoryName(Path.GetFullPath(file))!;
        var ext = Path.GetExtension(file).ToLowerInvariant();
        var entries = ext switch
        {
            ".json" => ReadJson(file, datasetName),
            ".csv" => ReadDelimited(file, ',', datasetName),
            ".tsv" => ReadDelimited(file, '\t', datasetName),
            _ => throw new DatasetFormatException(datasetName, file, "unknown list format; use .csv, .tsv or .json."),
        };
        var items = new List<ImageItem>(entries.Count);
        foreach (var (where, path, label, className) in entries)
        {
            if (label < 0)
                throw new DatasetFormatException(datasetName, file, $"{where}: negative label {label}.");
            string name = className
                ?? (classNames is not null && label < classNames.Count
                    ? classNames[label]
                    : throw new DatasetFormatException(datasetName, file, $"{where}: no class name for label {label}; add a classname column or pass the class names."));
            items.Add(new ImageItem(Path.Combine(baseDir, path), label, name));
        }
        return items;
    }

    private static List<(string Where, string Path, int Label, string? ClassName)> ReadDelimited(string file, char separator, string dataset)
    {
        var result = new List<(string, string, int, string?)>();
        int number = 0;
        foreach (var raw in File.ReadLines(file))
        {
            number++;
            if (raw.Trim().Length == 0)
                continue;
            var fields = SplitFields(raw, separator);
            var where = $"line {number}";
            bool labelParses = fields.Count >= 2 && int.TryParse(fields[1].Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out _);
            if (result.Count == 0 && !labelParses && fields[0].Trim().Equals("path", StringComparison.OrdinalIgnoreCase))
                continue; // header
            if (fields.Count < 2 || fields.Count > 3 || !labelParses)
                throw new DatasetFormatException(dataset, file, $"{where}: expected path{separator}label[{separator}classname], got \"{raw}\".");
            result.Add((where, fields[0], int.Parse(fields[1].Trim(), CultureInfo.InvariantCulture), fields.Count == 3 ? fields[2] : null));
        }
        return result;
    }

    private static List<string> SplitFields(string line, char separator)
    {
        var fields = new List<string>();
        var current = new StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { current.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else current.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == separator) { fields.Add(current.ToString()); current.Clear(); }
            else current.Append(c);
        }
        fields.Add(current.ToString());
        return fields;
    }

    private static List<(string Where, string Path, int Label, string? ClassName)> ReadJson(string file, string dataset)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(ItemListJson.ReadUtf8(file, dataset), new JsonDocumentOptions { AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new DatasetFormatException(dataset, file, "not valid JSON: " + e.Message, e);
        }
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Array)
                throw new DatasetFormatException(dataset, file, "the top level must be an array of [path, label, classname] or {\"path\", \"label\", \"classname\"} entries.");
            var result = new List<(string, string, int, string?)>();
            int index = 0;
            foreach (var e in doc.RootElement.EnumerateArray())
            {
                var where = $"entry {index++}";
                JsonElement? path = null, label = null, name = null;
                if (e.ValueKind == JsonValueKind.Array && e.GetArrayLength() is 2 or 3)
                {
                    path = e[0];
                    label = e[1];
                    name = e.GetArrayLength() == 3 ? e[2] : null;
                }
                else if (e.ValueKind == JsonValueKind.Object)
                {
                    path = e.TryGetProperty("path", out var p) ? p : null;
                    label = e.TryGetProperty("label", out var l) ? l : null;
                    name = e.TryGetProperty("classname", out var c) ? c : null;
                }
                if (path is not { ValueKind: JsonValueKind.String } || label is not { ValueKind: JsonValueKind.Number } || !label.Value.TryGetInt32(out int y)
                    || (name is not null && name.Value.ValueKind != JsonValueKind.String))
                    throw new DatasetFormatException(dataset, file, $"{where}: expected [path, integer label, classname] or {{\"path\", \"label\", \"classname\"}}, got {e.GetRawText()}.");
                result.Add((where, path.Value.GetString()!, y, name?.GetString()));
            }
            return result;
        }
    }
}
