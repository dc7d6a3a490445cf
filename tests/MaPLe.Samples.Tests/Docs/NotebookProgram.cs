using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace MaPLe.Tests.Docs;

/// <summary>A code cell of a notebook.</summary>
/// <param name="Index">0-based index among all cells of the notebook (markdown included).</param>
/// <param name="Language">The cell's kernel language (<c>csharp</c>, <c>fsharp</c>, <c>pwsh</c>, ...).</param>
/// <param name="Source">The cell's text.</param>
public sealed record NotebookCell(int Index, string Language, string Source);

/// <summary>
/// Turns a C# Polyglot (.NET Interactive) notebook into one C# program: the C# code cells in order as top-level
/// statements, with kernel directives (<c>#r</c>, <c>#!</c>, <c>#i</c>) blanked out and <c>using</c> directives hoisted
/// to the top (a script accepts them at the top of every cell, a program only at the top of the file). Each cell is
/// preceded by a <c>#line</c> directive so diagnostics name the notebook, the cell and the line in it.
/// </summary>
public static partial class NotebookProgram
{
    /// <summary>The code cells of <paramref name="ipynbJson"/> (language from the cell's <c>dotnet_interactive</c> or <c>polyglot_notebook</c> metadata, else the notebook's kernel).</summary>
    /// <exception cref="FormatException">Not a notebook (no <c>cells</c> array).</exception>
    public static IReadOnlyList<NotebookCell> CodeCells(string ipynbJson)
    {
        using var doc = JsonDocument.Parse(ipynbJson);
        var root = doc.RootElement;
        if (!root.TryGetProperty("cells", out var cells) || cells.ValueKind != JsonValueKind.Array)
            throw new FormatException("Not a Jupyter notebook: no \"cells\" array.");
        var defaultLanguage = DefaultLanguage(root);
        var result = new List<NotebookCell>();
        int index = 0;
        foreach (var cell in cells.EnumerateArray())
        {
            if (cell.GetProperty("cell_type").GetString() == "code")
                result.Add(new NotebookCell(index, CellLanguage(cell) ?? defaultLanguage, SourceText(cell.GetProperty("source"))));
            index++;
        }
        return result;
    }

    /// <summary>The program made of the C# cells; <paramref name="notebookPath"/> names the notebook in <c>#line</c> directives.</summary>
    public static string ToProgram(string notebookPath, IEnumerable<NotebookCell> cells)
    {
        var usings = new List<string>();
        var body = new StringBuilder();
        foreach (var cell in cells.Where(c => IsCSharp(c.Language)))
        {
            body.Append("#line 1 \"").Append(notebookPath).Append(" cell ").Append(cell.Index).Append("\"\n");
            foreach (var line in cell.Source.Replace("\r\n", "\n").Split('\n'))
            {
                var trimmed = line.Trim();
                if (IsKernelDirective(trimmed))
                {
                    body.Append('\n');
                }
                else if (UsingDirective().IsMatch(trimmed))
                {
                    if (!usings.Contains(trimmed)) usings.Add(trimmed);
                    body.Append('\n');
                }
                else
                {
                    body.Append(line).Append('\n');
                }
            }
        }
        return string.Join('\n', usings) + "\n#line default\n" + body;
    }

    /// <summary>Whether <paramref name="language"/> names the C# kernel.</summary>
    public static bool IsCSharp(string language) => language is "csharp" or "C#" or "c#";

    /// <summary>Whether a (trimmed) line is a kernel directive: <c>#r "nuget: ..."</c>, <c>#i</c>, <c>#!magic</c>.</summary>
    public static bool IsKernelDirective(string trimmedLine) =>
        trimmedLine.StartsWith("#r ", StringComparison.Ordinal) || trimmedLine.StartsWith("#i ", StringComparison.Ordinal) ||
        trimmedLine.StartsWith("#!", StringComparison.Ordinal);

    // "using X.Y;", "using static X.Y;", "using A = X.Y;" — not "using var x = ...;" or "using (...)".
    [GeneratedRegex(@"^using\s+(static\s+)?([A-Za-z_]\w*\s*=\s*)?[A-Za-z_][\w.]*\s*;$")]
    private static partial Regex UsingDirective();

    private static string DefaultLanguage(JsonElement root)
    {
        if (root.TryGetProperty("metadata", out var m) && m.TryGetProperty("kernelspec", out var k) &&
            k.TryGetProperty("name", out var name) && name.GetString() is { } kernel)
            return kernel.EndsWith("csharp", StringComparison.Ordinal) ? "csharp" : kernel;
        return "csharp";
    }

    private static string? CellLanguage(JsonElement cell)
    {
        if (!cell.TryGetProperty("metadata", out var m)) return null;
        if (m.TryGetProperty("dotnet_interactive", out var di) && di.TryGetProperty("language", out var l)) return l.GetString();
        if (m.TryGetProperty("polyglot_notebook", out var pn) && pn.TryGetProperty("kernelName", out var kn)) return kn.GetString();
        return null;
    }

    private static string SourceText(JsonElement source) => source.ValueKind == JsonValueKind.Array
        ? string.Concat(source.EnumerateArray().Select(s => s.GetString()))
        : source.GetString() ?? "";
}
