using System.Globalization;
using System.Text.Json;

namespace MaPLe.Data.Sampling;

/// <summary>
/// Saves and re-reads sampled few-shot lists as JSON so a split is reproducible across machines (the portable counterpart
/// of upstream's <c>split_fewshot/shot_{K}-seed_{seed}.pkl</c>):
/// <c>{"format": "maple-fewshot-v1", "dataset": …, "shots": K, "seed": S, "train": [[path, label, classname], …], "val": […]}</c>,
/// paths relative to a base folder (the dataset folder) with "/" separators.
/// </summary>
public static class FewShotSplitFile
{
    /// <summary>The format tag written into every file.</summary>
    public const string Format = "maple-fewshot-v1";

    /// <summary>Upstream's file name for K shots and a seed, with a .json extension: <c>shot_{K}-seed_{seed}.json</c>.</summary>
    public static string FileName(int shots, int seed) =>
        string.Create(CultureInfo.InvariantCulture, $"shot_{shots}-seed_{seed}.json");

    /// <summary>Writes <paramref name="split"/> atomically.</summary>
    public static void Write(string file, FewShotSplit split, string baseDirectory, string datasetName)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(split);
        ArgumentNullException.ThrowIfNull(baseDirectory);
        ArgumentNullException.ThrowIfNull(datasetName);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, ItemListJson.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("format", Format);
            writer.WriteString("dataset", datasetName);
            writer.WriteNumber("shots", split.Shots);
            writer.WriteNumber("seed", split.Seed);
            ItemListJson.Write(writer, "train", split.Train, baseDirectory, datasetName);
            ItemListJson.Write(writer, "val", split.Val, baseDirectory, datasetName);
            writer.WriteEndObject();
        }
        AtomicFile.WriteAllBytes(file, buffer.ToArray());
    }

    /// <summary>Reads a file written by <see cref="Write"/>; paths are joined to <paramref name="baseDirectory"/>.</summary>
    /// <exception cref="DatasetNotFoundException">The file does not exist.</exception>
    /// <exception cref="DatasetFormatException">The content is malformed or not a few-shot file.</exception>
    public static FewShotSplit Read(string file, string baseDirectory, string datasetName = "dataset")
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(baseDirectory);
        if (!File.Exists(file))
            throw new DatasetNotFoundException(datasetName, file, "Sample it again (same shots and seed) or copy it from the machine that created it.");
        using var doc = ItemListJson.Parse(file, datasetName);
        var root = doc.RootElement;
        if (!root.TryGetProperty("format", out var format) || format.ValueKind != JsonValueKind.String || format.GetString() != Format)
            throw new DatasetFormatException(datasetName, file, $"not a few-shot list file (expected \"format\": \"{Format}\").");
        int shots = ReadInt(root, "shots", file, datasetName);
        int seed = ReadInt(root, "seed", file, datasetName);
        JsonElement Array(string key) => root.TryGetProperty(key, out var a)
            ? a
            : throw new DatasetFormatException(datasetName, file, $"the key \"{key}\" is missing.");
        var train = ItemListJson.Read(Array("train"), "train", baseDirectory, datasetName, file);
        var val = ItemListJson.Read(Array("val"), "val", baseDirectory, datasetName, file);
        return new FewShotSplit(shots, seed, train, val);
    }

    private static int ReadInt(JsonElement root, string key, string file, string dataset) =>
        root.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out int i)
            ? i
            : throw new DatasetFormatException(dataset, file, $"\"{key}\" must be an integer.");
}
