using System.Text.Json;
using MaPLe.Checkpoints;
using static TorchSharp.torch;

namespace MaPLe.Tests.TestSupport;

/// <summary>One folder under <c>cases/</c> of a fixture set: its case.json, inputs, prompts and expected tensors.</summary>
public sealed class FixtureCase : IDisposable
{
    private FixtureCase(string name, string dir, JsonDocument json)
    {
        Name = name;
        Dir = dir;
        Json = json;
    }

    /// <summary>Folder name.</summary>
    public string Name { get; }

    /// <summary>Folder path.</summary>
    public string Dir { get; }

    /// <summary>Parsed case.json.</summary>
    public JsonDocument Json { get; }

    /// <summary>The <c>method</c> field.</summary>
    public string Method => Json.RootElement.GetProperty("method").GetString()!;

    /// <summary>Class names from classnames.txt (one per line).</summary>
    public IReadOnlyList<string> ClassNames =>
        File.ReadAllLines(Path.Combine(Dir, "classnames.txt")).Where(l => l.Length > 0).ToList();

    /// <summary>Opens the case called <paramref name="name"/> in the fixture set under test.</summary>
    public static FixtureCase Open(string name)
    {
        string dir = Path.Combine(Fixtures.Root, "cases", name);
        return new FixtureCase(name, dir, JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "case.json"))));
    }

    /// <summary>Names of cases whose method is one of <paramref name="methods"/> (all cases when empty).</summary>
    public static IEnumerable<string> Named(params string[] methods) =>
        Fixtures.CaseNames().Where(n =>
        {
            if (methods.Length == 0) return true;
            using var c = Open(n);
            return methods.Contains(c.Method);
        });

    /// <summary>Tensors of inputs.safetensors (float32/int64 as stored).</summary>
    public Dictionary<string, Tensor> Inputs() => SafeTensors.Load(Path.Combine(Dir, "inputs.safetensors"));

    /// <summary>Tensors of expected.safetensors.</summary>
    public Dictionary<string, Tensor> Expected() => SafeTensors.Load(Path.Combine(Dir, "expected.safetensors"));

    /// <summary>Path of prompts.safetensors.</summary>
    public string PromptsPath => Path.Combine(Dir, "prompts.safetensors");

    /// <summary>An integer option of case.json.</summary>
    public int Int(string key) => Json.RootElement.GetProperty(key).GetInt32();

    /// <summary>A string option of case.json, or <paramref name="fallback"/>.</summary>
    public string Str(string key, string fallback = "") =>
        Json.RootElement.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : fallback;

    /// <summary>A boolean option of case.json, or <paramref name="fallback"/>.</summary>
    public bool Bool(string key, bool fallback = false) =>
        Json.RootElement.TryGetProperty(key, out var v) && v.ValueKind is JsonValueKind.True or JsonValueKind.False ? v.GetBoolean() : fallback;

    /// <inheritdoc />
    public void Dispose() => Json.Dispose();
}
