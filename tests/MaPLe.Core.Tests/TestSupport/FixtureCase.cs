using System.Text.Json;
using MaPLe.Checkpoints;
using static TorchSharp.torch;

namespace MaPLe.Tests.TestSupport;

/// <summary>
/// One folder of a fixture set with a case.json (a case under <c>cases/</c>, a trajectory, GPA): its options, inputs,
/// prompts and expected tensors.
/// </summary>
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

    /// <summary>Opens the case <paramref name="name"/> (<c>&lt;set&gt;/&lt;case&gt;</c>, or a case of <see cref="Fixtures.Root"/>).</summary>
    public static FixtureCase Open(string name)
    {
        var (root, relative) = Fixtures.Resolve(name);
        return OpenFolder(name, Path.Combine(root, "cases", relative));
    }

    /// <summary>Opens the folder <paramref name="dir"/> holding a case.json, reported as <paramref name="name"/>.</summary>
    public static FixtureCase OpenFolder(string name, string dir) =>
        new(name, dir, JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "case.json"))));

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

    /// <summary>Tensors of <paramref name="file"/> in the folder.</summary>
    public Dictionary<string, Tensor> Load(string file) => SafeTensors.Load(Path.Combine(Dir, file));

    /// <summary>The root element of case.json.</summary>
    public JsonElement Root => Json.RootElement;

    /// <summary>A number of case.json.</summary>
    public double Double(string key) => Json.RootElement.GetProperty(key).GetDouble();

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
