using System.Text.Json;

namespace MaPLe.Data;

/// <summary>
/// The item-list encoding shared by <c>split_zhou_*.json</c> and the few-shot files: an array of
/// <c>[relative_path, label, classname]</c> triples, paths relative to a base folder with "/" separators.
/// </summary>
internal static class ItemListJson
{
    /// <summary>Writes <paramref name="items"/> as property <paramref name="name"/>.</summary>
    public static void Write(Utf8JsonWriter writer, string name, IEnumerable<ImageItem> items, string baseDirectory, string dataset)
    {
        writer.WriteStartArray(name);
        foreach (var item in items)
        {
            if (item.Source is not null)
                throw new InvalidOperationException(
                    $"{dataset}: item '{item.Path}' is a generated image (ImageItem.Source set) and cannot be saved to a list file.");
            writer.WriteStartArray();
            writer.WriteStringValue(Relative(item.Path, baseDirectory));
            writer.WriteNumberValue(item.Label);
            writer.WriteStringValue(item.ClassName);
            writer.WriteEndArray();
        }
        writer.WriteEndArray();
    }

    /// <summary>Reads the triples of <paramref name="array"/>; paths are joined to <paramref name="baseDirectory"/>.</summary>
    public static List<ImageItem> Read(JsonElement array, string key, string baseDirectory, string dataset, string file)
    {
        if (array.ValueKind != JsonValueKind.Array)
            throw new DatasetFormatException(dataset, file, $"\"{key}\" must be an array of [path, label, classname].");
        var items = new List<ImageItem>(array.GetArrayLength());
        int index = 0;
        foreach (var entry in array.EnumerateArray())
        {
            if (entry.ValueKind != JsonValueKind.Array || entry.GetArrayLength() != 3
                || entry[0].ValueKind != JsonValueKind.String || entry[1].ValueKind != JsonValueKind.Number
                || entry[2].ValueKind != JsonValueKind.String || !entry[1].TryGetInt32(out int label))
                throw new DatasetFormatException(dataset, file,
                    $"\"{key}\"[{index}] must be [\"relative/path.jpg\", integer label, \"class name\"], got {entry.GetRawText()}.");
            items.Add(new ImageItem(Path.Combine(baseDirectory, entry[0].GetString()!), label, entry[2].GetString()!));
            index++;
        }
        return items;
    }

    /// <summary>
    /// The bytes of a JSON file, refused unless they are UTF-8 text: JsonDocument parses invalid UTF-8 inside strings
    /// and only fails later, when a string is read, with an exception that names no file.
    /// </summary>
    internal static byte[] ReadUtf8(string file, string dataset)
    {
        var bytes = File.ReadAllBytes(file);
        if (IO.Utf8Text.Check(bytes, out _) is { } problem)
            throw new DatasetFormatException(dataset, file, problem + ".");
        return bytes;
    }

    /// <summary>Parses <paramref name="file"/> as a JSON object, naming the file on errors.</summary>
    public static JsonDocument Parse(string file, string dataset)
    {
        try
        {
            var doc = JsonDocument.Parse(ReadUtf8(file, dataset), new JsonDocumentOptions { AllowTrailingCommas = true });
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                doc.Dispose();
                throw new DatasetFormatException(dataset, file, "the top level must be a JSON object.");
            }
            return doc;
        }
        catch (JsonException e)
        {
            throw new DatasetFormatException(dataset, file, "not valid JSON: " + e.Message, e);
        }
    }

    /// <summary><paramref name="path"/> relative to <paramref name="baseDirectory"/> when inside it, else absolute; "/" separators.</summary>
    public static string Relative(string path, string baseDirectory)
    {
        var full = Path.GetFullPath(path);
        var rel = Path.GetRelativePath(Path.GetFullPath(baseDirectory), full);
        if (rel == ".." || rel.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal) || Path.IsPathRooted(rel))
            rel = full;
        return rel.Replace(Path.DirectorySeparatorChar, '/');
    }

    /// <summary>Writer options shared by the list files (indented like upstream's <c>write_json</c>).</summary>
    public static readonly JsonWriterOptions WriterOptions = new() { Indented = true, IndentSize = 4 };
}
