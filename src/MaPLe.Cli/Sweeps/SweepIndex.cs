using System.Text.Json;
using MaPLe.Data;

namespace MaPLe.Cli.Sweeps;

/// <summary>
/// <c>&lt;runs&gt;/index.json</c>: the cells in completion-index order and the grid's layout (methods, datasets, seeds,
/// shots), so <c>maple collect</c> knows every expected cell even before any has run.
/// </summary>
public sealed record SweepIndex
{
    /// <summary>The format tag of index files.</summary>
    public const string CurrentFormat = "maple-sweep-index/1";

    /// <summary>The index file's name in a runs folder.</summary>
    public const string FileName = "index.json";

    /// <summary>Format tag.</summary>
    public string Format { get; init; } = CurrentFormat;

    /// <summary>The grid's name.</summary>
    public required string Grid { get; init; }

    /// <summary>The protocol's name.</summary>
    public required string Protocol { get; init; }

    /// <summary>Method names in table order.</summary>
    public required IReadOnlyList<string> Methods { get; init; }

    /// <summary>Dataset names (base-to-novel) or the source (cross-dataset, domain generalization).</summary>
    public required IReadOnlyList<string> Datasets { get; init; }

    /// <summary>Target names (cross-dataset, domain generalization).</summary>
    public IReadOnlyList<string> Targets { get; init; } = [];

    /// <summary>Seeds.</summary>
    public required IReadOnlyList<int> Seeds { get; init; }

    /// <summary>Shots.</summary>
    public required IReadOnlyList<int> Shots { get; init; }

    /// <summary>Cell ids by completion index.</summary>
    public required IReadOnlyList<string> Cells { get; init; }

    /// <summary>The index of a planned grid.</summary>
    public static SweepIndex From(SweepGrid grid, IReadOnlyList<RunSpec> cells) => new()
    {
        Grid = grid.Name, Protocol = SweepProtocols.Name(grid.Protocol),
        Methods = grid.Methods.Select(m => m.Name).ToList(), Datasets = grid.Datasets.Select(d => d.Name).ToList(),
        Targets = grid.Targets.Select(d => d.Name).ToList(), Seeds = grid.Seeds, Shots = grid.Shots,
        Cells = cells.Select(c => c.Id).ToList(),
    };

    /// <summary>Reads <c>index.json</c> of a runs folder.</summary>
    /// <exception cref="DirectoryNotFoundException">No such runs folder.</exception>
    /// <exception cref="FileNotFoundException">The folder has no index (not written by <c>maple sweep</c>).</exception>
    /// <exception cref="SweepFileException">The index is malformed.</exception>
    public static SweepIndex Read(string runs)
    {
        if (!Directory.Exists(runs)) throw new DirectoryNotFoundException($"Runs folder not found: '{runs}'.");
        string path = Path.Combine(runs, FileName);
        if (!File.Exists(path)) throw new FileNotFoundException($"'{runs}' has no {FileName}: it was not written by 'maple sweep <grid> -o {runs}'.", path);
        try
        {
            var index = JsonSerializer.Deserialize<SweepIndex>(File.ReadAllText(path), RunSpec.Json);
            if (index is null || index.Format != CurrentFormat)
                throw new SweepFileException(path, $"'{path}' has format '{index?.Format}', expected '{CurrentFormat}'.");
            return index;
        }
        catch (JsonException e)
        {
            throw new SweepFileException(path, $"'{path}' is not a valid sweep index: {e.Message}");
        }
    }

    /// <summary>Writes the index atomically.</summary>
    public void Write(string runs) => AtomicFile.WriteAllText(Path.Combine(runs, FileName), JsonSerializer.Serialize(this, RunSpec.Json) + "\n");

    /// <summary>The folder of a cell.</summary>
    public static string CellFolder(string runs, string id) => Path.Combine(runs, id.Replace('/', Path.DirectorySeparatorChar));
}
