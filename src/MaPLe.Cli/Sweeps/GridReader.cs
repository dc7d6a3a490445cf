using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MaPLe.Cli.Commands;
using MaPLe.Data;
using MaPLe.Prompting;
using MaPLe.Tuning;
using MaPLe.Training;

namespace MaPLe.Cli.Sweeps;

/// <summary>
/// Turns a grid document (<see cref="GridDocument"/>) into a validated <see cref="SweepGrid"/>. Every problem names the
/// file and the key (<c>methods[1].options.depth</c>) and what to write instead; method ids are checked against the
/// method registry, dataset names against <see cref="Datasets"/>.
/// </summary>
public static partial class GridReader
{
    private static readonly string[] TopKeys = ["name", "protocol", "datasets", "dataRoot", "source", "targets", "methods", "seeds", "shots", "training", "weights", "vocab", "dtype"];
    private static readonly string[] DatasetKeys = ["name", "dataset", "root", "imageFolder", "testPerClass"];
    private static readonly string[] MethodKeys = ["id", "name", "preset", "options", "training"];

    /// <summary>Reads and validates a grid file (JSON or YAML).</summary>
    /// <exception cref="SweepFileException">The grid is malformed; the message names the file and key.</exception>
    public static SweepGrid Read(string path) => Parse(GridDocument.Load(path), path);

    /// <summary>Validates a grid document read from <paramref name="source"/>.</summary>
    /// <exception cref="SweepFileException">The grid is malformed; the message names the source and key.</exception>
    public static SweepGrid Parse(JsonObject root, string source)
    {
        var at = new GridPath(source);
        at.OnlyKeys(root, TopKeys, "");
        SweepProtocol protocol;
        try
        {
            protocol = SweepProtocols.Parse(at.Text(root, "protocol", "") ?? "base-to-novel");
        }
        catch (ArgumentException e)
        {
            throw at.Error("protocol", e.Message);
        }
        string? dataRoot = at.Text(root, "dataRoot", "");
        IReadOnlyList<GridDataset> datasets;
        IReadOnlyList<GridDataset> targets = [];
        if (protocol == SweepProtocol.BaseToNovel)
        {
            if (root.ContainsKey("source") || root.ContainsKey("targets"))
                throw at.Error("source/targets", "base-to-novel takes 'datasets:'; 'source:' and 'targets:' belong to cross-dataset and domain-generalization grids");
            datasets = at.List(root, "datasets", "", required: true).Select((n, i) => ParseDataset(n, $"datasets[{i}]", dataRoot, at)).ToList();
        }
        else
        {
            if (root.ContainsKey("datasets"))
                throw at.Error("datasets", $"{SweepProtocols.Name(protocol)} grids take 'source:' (the training dataset) and 'targets:' instead");
            var sourceNode = root["source"] ?? throw at.Error("source", "missing: name the training dataset (e.g. source: imagenet)");
            datasets = [ParseDataset(sourceNode, "source", dataRoot, at)];
            targets = at.List(root, "targets", "", required: true).Select((n, i) => ParseDataset(n, $"targets[{i}]", dataRoot, at)).ToList();
        }
        Unique(datasets.Concat(targets).Select(d => d.Name), "datasets", at);
        var shared = root["training"] as JsonObject;
        if (root["training"] is not null && shared is null) throw at.Error("training", "must be a mapping of training options (epochs: 5)");
        var methods = at.List(root, "methods", "", required: true).Select((n, i) => ParseMethod(n, $"methods[{i}]", shared, at)).ToList();
        Unique(methods.Select(m => m.Name), "methods", at);
        var seeds = at.Integers(root, "seeds", [1]);
        var shots = at.Integers(root, "shots", [16]);
        if (shots.Any(s => s < 1 && s != -1)) throw at.Error("shots", "each value must be -1 (all images) or at least 1");
        Unique(seeds.Select(s => s.ToString(System.Globalization.CultureInfo.InvariantCulture)), "seeds", at);
        Unique(shots.Select(s => s.ToString(System.Globalization.CultureInfo.InvariantCulture)), "shots", at);
        string dtype = at.Text(root, "dtype", "") ?? "fp32";
        if (dtype is not ("fp32" or "bf16")) throw at.Error("dtype", $"must be fp32 or bf16, not '{dtype}'");
        string name = at.Text(root, "name", "") ?? Path.GetFileNameWithoutExtension(source);
        return new SweepGrid
        {
            Name = Segment(name, "name", at),
            Protocol = protocol, Datasets = datasets, Targets = targets, Methods = methods, Seeds = seeds, Shots = shots,
            Weights = at.Text(root, "weights", ""), Vocabulary = at.Text(root, "vocab", ""), DType = dtype,
        };
    }

    private static GridDataset ParseDataset(JsonNode? node, string key, string? dataRoot, GridPath at)
    {
        if (node is JsonValue v && v.TryGetValue(out string? shortName))
            node = new JsonObject { ["name"] = shortName };
        if (node is not JsonObject o) throw at.Error(key, "must be a dataset name or a mapping (name:, root:, imageFolder:, testPerClass:)");
        at.OnlyKeys(o, DatasetKeys, key);
        string name = at.Text(o, "name", key) ?? throw at.Error($"{key}.name", "missing");
        string? folder = at.Text(o, "imageFolder", key);
        string? dataset = at.Text(o, "dataset", key) ?? (folder is null ? name : null);
        string? root = at.Text(o, "root", key) ?? dataRoot;
        int? testPerClass = o["testPerClass"] is null ? null : at.Integer(o["testPerClass"], $"{key}.testPerClass");
        bool toy = dataset is not null && dataset.Equals(SweepDatasets.ToyWorld, StringComparison.OrdinalIgnoreCase);
        if (folder is not null && dataset is not null) throw at.Error(key, "give either 'dataset:' (a benchmark) or 'imageFolder:', not both");
        if (testPerClass is not null && !toy) throw at.Error($"{key}.testPerClass", "applies to the toy world only");
        if (testPerClass is < 1) throw at.Error($"{key}.testPerClass", "must be at least 1");
        if (dataset is not null && !toy)
        {
            try
            {
                Datasets.GetReader(dataset);
            }
            catch (ArgumentException)
            {
                throw at.Error($"{key}.dataset", $"unknown dataset '{dataset}'. Known: {SweepDatasets.ToyWorld}, {string.Join(", ", Datasets.Names)} (or give 'imageFolder:')");
            }
            if (root is null) throw at.Error($"{key}.root", $"dataset '{dataset}' needs the datasets' root folder: 'root:' here or 'dataRoot:' at the top");
        }
        return new GridDataset(Segment(name, $"{key}.name", at), toy ? SweepDatasets.ToyWorld : dataset, toy ? null : root, folder, testPerClass);
    }

    private static GridMethod ParseMethod(JsonNode? node, string key, JsonObject? sharedTraining, GridPath at)
    {
        if (node is JsonValue v && v.TryGetValue(out string? shortId))
            node = new JsonObject { ["id"] = shortId };
        if (node is not JsonObject o) throw at.Error(key, "must be a method id or a mapping (id:, name:, preset:, options:, training:)");
        at.OnlyKeys(o, MethodKeys, key);
        string id = at.Text(o, "id", key) ?? throw at.Error($"{key}.id", $"missing; one of {string.Join(", ", MethodCatalog.Names)}");
        PromptMethodOptions options;
        try
        {
            options = PromptMethods.CreateOptions(id);
        }
        catch (ArgumentException e)
        {
            throw at.Error($"{key}.id", e.Message);
        }
        if (o["options"] is { } overrides)
            options = MethodOverrides.Apply(options, overrides as JsonObject ?? throw at.Error($"{key}.options", "must be a mapping of option: value"), $"{key}.options", at);
        TrainingOptions? training = null;
        string? preset = at.Text(o, "preset", key);
        var descriptor = PromptMethods.Of(options);
        if (descriptor.CanTrain)
        {
            try
            {
                training = MethodCatalog.Preset(preset, descriptor);
            }
            catch (ArgumentException e)
            {
                throw at.Error($"{key}.preset", e.Message);
            }
            if (sharedTraining is not null) training = TrainingOverrides.Apply(training, sharedTraining, "training", at);
            if (o["training"] is { } own)
                training = TrainingOverrides.Apply(training, own as JsonObject ?? throw at.Error($"{key}.training", "must be a mapping (epochs: 5)"), $"{key}.training", at);
        }
        else if (preset is not null || o["training"] is not null)
        {
            throw at.Error(key, $"method '{options.Method}' trains nothing: remove 'preset:'/'training:'");
        }
        return new GridMethod(Segment(at.Text(o, "name", key) ?? id, $"{key}.name", at), options, training);
    }

    private static void Unique(IEnumerable<string> names, string key, GridPath at)
    {
        var duplicate = names.GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw at.Error(key, $"'{duplicate.Key}' appears twice; give each entry its own name (name: ...)");
    }

    /// <summary>A cell-id segment: lower case, letters, digits, '.', '_' and '-'.</summary>
    private static string Segment(string name, string key, GridPath at)
    {
        string segment = name.Trim().ToLowerInvariant();
        if (!SegmentPattern().IsMatch(segment))
            throw at.Error(key, $"'{name}' cannot name a cell folder: use letters, digits, '.', '_' and '-' (starting with a letter or digit)");
        return segment;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,62}$")]
    private static partial Regex SegmentPattern();
}
