using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace MaPLe.Cli.Sweeps;

/// <summary>
/// One cell of a sweep, self-contained: everything <c>maple run-spec</c> needs to train and evaluate it, written to
/// <c>&lt;runs&gt;/&lt;cell id&gt;/spec.json</c>. Paths are as the workers see them.
/// </summary>
public sealed record RunSpec
{
    /// <summary>The format tag of spec files.</summary>
    public const string CurrentFormat = "maple-run-spec/1";

    /// <summary>Format tag.</summary>
    public string Format { get; init; } = CurrentFormat;

    /// <summary>The cell id, also its folder below the runs folder (<c>b2n/eurosat/maple/seed1</c>).</summary>
    public required string Id { get; init; }

    /// <summary>Position in the index (the engine's completion or array index).</summary>
    public required int Index { get; init; }

    /// <summary>The grid's name.</summary>
    public required string Grid { get; init; }

    /// <summary>base-to-novel, cross-dataset or domain-generalization.</summary>
    public required string Protocol { get; init; }

    /// <summary>The method's row name in tables (the grid's spelling).</summary>
    public required string MethodName { get; init; }

    /// <summary>The registry id of the method.</summary>
    public required string Method { get; init; }

    /// <summary>The method's complete options as the method registry serializes them.</summary>
    public required JsonObject Options { get; init; }

    /// <summary>The complete training recipe (see <see cref="TrainingOverrides"/>); null when the method trains nothing.</summary>
    public JsonObject? Training { get; init; }

    /// <summary>Seed of few-shot sampling, prompt initialisation and data order.</summary>
    public required int Seed { get; init; }

    /// <summary>Training images per class (-1 = all).</summary>
    public required int Shots { get; init; }

    /// <summary>Base-to-novel: the dataset. Cross-dataset / domain generalization: the source.</summary>
    public required GridDataset Dataset { get; init; }

    /// <summary>Cross-dataset / domain generalization: the evaluated targets.</summary>
    public IReadOnlyList<GridDataset> Targets { get; init; } = [];

    /// <summary>CLIP weights; null = the shipped tiny CLIP.</summary>
    public string? Weights { get; init; }

    /// <summary>BPE vocabulary; null = the shipped tiny vocabulary.</summary>
    public string? Vocabulary { get; init; }

    /// <summary>cpu or cuda.</summary>
    public string Device { get; init; } = "cpu";

    /// <summary>fp32 or bf16.</summary>
    public string DType { get; init; } = "fp32";

    /// <summary>JSON settings of spec, index and result files: camelCase, indented, nulls omitted.</summary>
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>The spec as JSON text.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json) + "\n";

    /// <summary>Reads a spec file.</summary>
    /// <exception cref="FileNotFoundException">No spec at <paramref name="path"/>.</exception>
    /// <exception cref="SweepFileException">Not a spec of this format; the message names the file.</exception>
    public static RunSpec Read(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"Run spec not found: '{path}'. Write the runs folder with 'maple sweep <grid> -o <runs>'.", path);
        RunSpec? spec;
        try
        {
            spec = JsonSerializer.Deserialize<RunSpec>(File.ReadAllText(path), Json);
        }
        catch (JsonException e)
        {
            throw new SweepFileException(path, $"Run spec '{path}' is not valid: {e.Message}");
        }
        if (spec is null || spec.Format != CurrentFormat)
            throw new SweepFileException(path, $"Run spec '{path}' has format '{spec?.Format}', expected '{CurrentFormat}': re-run 'maple sweep' with this version.");
        return spec;
    }
}
