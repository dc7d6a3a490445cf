using System.Text.Json;

namespace MaPLe.Data;

/// <summary>
/// Reads and writes CoOp's fixed split files, <c>split_zhou_&lt;Name&gt;.json</c>:
/// <c>{"train": [[rel_impath, label, classname], …], "val": […], "test": […]}</c>, paths relative to an image folder
/// (upstream <c>OxfordPets.read_split</c> / <c>save_split</c>).
/// </summary>
public static class ZhouSplitFile
{
    /// <summary>Reads <paramref name="file"/>; item paths are joined to <paramref name="imageDirectory"/>. A missing "val" reads as empty.</summary>
    /// <exception cref="DatasetNotFoundException">The file does not exist.</exception>
    /// <exception cref="DatasetFormatException">The content is not a split file.</exception>
    public static DatasetSplits Read(string file, string imageDirectory, string datasetName = "dataset")
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(imageDirectory);
        if (!File.Exists(file))
            throw new DatasetNotFoundException(datasetName, file,
                $"Download {Path.GetFileName(file)} (see the CoOp DATASETS.md) or write one in the format {{\"train\": [[path, label, classname], ...], \"val\": [...], \"test\": [...]}}.");
        using var doc = ItemListJson.Parse(file, datasetName);
        var root = doc.RootElement;
        List<ImageItem> Get(string key, bool required)
        {
            if (root.TryGetProperty(key, out var array))
                return ItemListJson.Read(array, key, imageDirectory, datasetName, file);
            if (required)
                throw new DatasetFormatException(datasetName, file, $"the key \"{key}\" is missing (expected \"train\", \"val\" and \"test\").");
            return [];
        }
        return new DatasetSplits(Get("train", true), Get("val", false), Get("test", true));
    }

    /// <summary>Writes <paramref name="splits"/> to <paramref name="file"/> atomically, paths relative to <paramref name="imageDirectory"/>.</summary>
    public static void Write(string file, DatasetSplits splits, string imageDirectory, string datasetName = "dataset")
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(splits);
        ArgumentNullException.ThrowIfNull(imageDirectory);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, ItemListJson.WriterOptions))
        {
            writer.WriteStartObject();
            ItemListJson.Write(writer, "train", splits.Train, imageDirectory, datasetName);
            ItemListJson.Write(writer, "val", splits.Val, imageDirectory, datasetName);
            ItemListJson.Write(writer, "test", splits.Test, imageDirectory, datasetName);
            writer.WriteEndObject();
        }
        AtomicFile.WriteAllBytes(file, buffer.ToArray());
    }
}
