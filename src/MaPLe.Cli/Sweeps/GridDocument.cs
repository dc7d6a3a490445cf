using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace MaPLe.Cli.Sweeps;

/// <summary>
/// Reads a grid file as a JSON tree: <c>.json</c> files as JSON, <c>.yaml</c>/<c>.yml</c> files as YAML (YAML 1.2 core
/// schema: unquoted <c>true</c>/<c>false</c>, <c>null</c>/<c>~</c>, integers and decimals become typed values, anything
/// quoted stays a string), so both formats go through the same checks.
/// </summary>
public static class GridDocument
{
    /// <summary>Loads <paramref name="path"/>.</summary>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    /// <exception cref="SweepFileException">The file is not valid JSON/YAML; the message names the file, line and column.</exception>
    public static JsonObject Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"Grid file not found: '{path}'.", path);
        string text = File.ReadAllText(path);
        string ext = Path.GetExtension(path).ToLowerInvariant();
        return ext is ".yaml" or ".yml" ? ParseYaml(text, path) : ParseJson(text, path);
    }

    /// <summary>Parses JSON text (comments and trailing commas allowed).</summary>
    public static JsonObject ParseJson(string text, string source)
    {
        try
        {
            var node = JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            return node as JsonObject ?? throw new SweepFileException(source, $"Grid file '{source}': the top level must be an object (name:, protocol:, datasets:, methods:, seeds:).");
        }
        catch (JsonException e)
        {
            throw new SweepFileException(source, $"Grid file '{source}' is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}): {e.Message}");
        }
    }

    /// <summary>Parses YAML text (one document).</summary>
    public static JsonObject ParseYaml(string text, string source)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw new SweepFileException(source, $"Grid file '{source}' is not valid YAML (line {e.Start.Line}, column {e.Start.Column}): {e.InnerException?.Message ?? e.Message}");
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this on some unterminated flow collections ("[a, b" without "]").
            throw new SweepFileException(source, $"Grid file '{source}' is not valid YAML: an unterminated [ ... ] or {{ ... }} (check the brackets; line numbers unavailable).");
        }
        if (stream.Documents.Count != 1)
            throw new SweepFileException(source, $"Grid file '{source}' must hold exactly one YAML document (found {stream.Documents.Count}).");
        return Convert(stream.Documents[0].RootNode, source) as JsonObject
               ?? throw new SweepFileException(source, $"Grid file '{source}': the top level must be a mapping (name:, protocol:, datasets:, methods:, seeds:).");
    }

    private static JsonNode? Convert(YamlNode node, string source) => node switch
    {
        YamlMappingNode map => ConvertMapping(map, source),
        YamlSequenceNode seq => new JsonArray(seq.Children.Select(c => Convert(c, source)).ToArray()),
        YamlScalarNode scalar => ConvertScalar(scalar),
        _ => throw new SweepFileException(source, $"Grid file '{source}' line {node.Start.Line}: YAML aliases and tags are not supported."),
    };

    private static JsonObject ConvertMapping(YamlMappingNode map, string source)
    {
        var result = new JsonObject();
        foreach (var (key, value) in map.Children)
        {
            string name = (key as YamlScalarNode)?.Value
                          ?? throw new SweepFileException(source, $"Grid file '{source}' line {key.Start.Line}: keys must be plain names.");
            if (result.ContainsKey(name))
                throw new SweepFileException(source, $"Grid file '{source}' line {key.Start.Line}: key '{name}' appears twice.");
            result[name] = Convert(value, source);
        }
        return result;
    }

    private static JsonValue? ConvertScalar(YamlScalarNode scalar)
    {
        string value = scalar.Value ?? "";
        if (scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded)
            return JsonValue.Create(value);
        switch (value)
        {
            case "" or "~" or "null" or "Null" or "NULL": return null;
            case "true" or "True" or "TRUE": return JsonValue.Create(true);
            case "false" or "False" or "FALSE": return JsonValue.Create(false);
        }
        if (long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long integer))
            return JsonValue.Create(integer);
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double number) && double.IsFinite(number))
            return JsonValue.Create(number);
        return JsonValue.Create(value);
    }
}
