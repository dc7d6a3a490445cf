using System.Text.Json;
using MaPLe.Tests.TestSupport;
using Xunit.Abstractions;

namespace MaPLe.Tests.Docs;

/// <summary>
/// Every notebook of samples/notebooks is a C# Polyglot notebook whose cells compile as the kernel's script submissions and, joined into one
/// program (<see cref="NotebookProgram"/>), compile against the library and run to the end in quick mode
/// (<c>MAPLE_NOTEBOOK_QUICK=1</c>: the notebooks shrink shots, epochs and test images) on the shipped tiny CLIP; with
/// <c>MAPLE_NOTEBOOK_FULL=1</c> in the environment they run in full instead.
/// </summary>
[Collection("Sequential")]   // the notebooks seed torch (process-global) and the run redirects the console
public sealed class NotebookTests(ITestOutputHelper output)
{
    private const string Folder = "samples/notebooks";

    /// <summary>Every notebook, by file name.</summary>
    public static TheoryData<string> Notebooks()
    {
        var data = new TheoryData<string>();
        foreach (var path in Directory.GetFiles(Path.Combine(Fixtures.RepoRoot, Folder), "*.ipynb").Order(StringComparer.Ordinal))
            data.Add(Path.GetFileName(path));
        return data;
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void IsACSharpPolyglotNotebookThatReferencesThePackage(string name)
    {
        var json = Read(name);
        using var doc = JsonDocument.Parse(json);
        Assert.Equal(".net-csharp", doc.RootElement.GetProperty("metadata").GetProperty("kernelspec").GetProperty("name").GetString());
        var cells = NotebookProgram.CodeCells(json);
        Assert.All(cells, c => Assert.True(NotebookProgram.IsCSharp(c.Language), $"cell {c.Index} is {c.Language}"));
        Assert.Contains("#r \"nuget: MaPLe.Core", cells[0].Source);
        Assert.Contains("#r \"nuget: MaPLe.ToyWorld", cells[0].Source);   // the toy world ships in its own package
        Assert.Contains("libtorch-cpu-linux-x64", cells[0].Source);
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void CellsCompileAsKernelSubmissions(string name)
    {
        // What the kernel does: every cell a script submission that sees the earlier ones. Kernel directives
        // (#r "nuget: ...") are the kernel's, not C#: blanked as in the program.
        var cells = NotebookProgram.CodeCells(Read(name)).Select(c => ($"{Folder}/{name} cell {c.Index}",
            string.Join('\n', c.Source.Split('\n').Select(l => NotebookProgram.IsKernelDirective(l.Trim()) ? "" : l))));
        var errors = InMemoryCSharp.SubmissionErrors(KernelUsings.Replace("global using", "using"), cells);
        Assert.True(errors.Count == 0, $"{name}:\n{string.Join('\n', errors)}");
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public async Task RunsToTheEndInQuickMode(string name)
    {
        var program = NotebookProgram.ToProgram($"{Folder}/{name}", NotebookProgram.CodeCells(Read(name)));
        var compilation = InMemoryCSharp.Compile("Notebook_" + Path.GetFileNameWithoutExtension(name).Replace('-', '_'), [
            InMemoryCSharp.Parse(KernelUsings, "KernelUsings.cs"),
            InMemoryCSharp.Parse(program, $"{Folder}/{name}"),
        ]);
        var errors = InMemoryCSharp.Errors(compilation.GetDiagnostics());
        Assert.True(errors.Count == 0, $"{name} does not compile:\n{string.Join('\n', errors)}");

        var console = new StringWriter();
        var originalOut = Console.Out;
        var displayed = NotebookKernel.Record();
        // MAPLE_NOTEBOOK_FULL=1 runs the notebooks as a reader would (minutes each) instead of in quick mode.
        bool full = Environment.GetEnvironmentVariable("MAPLE_NOTEBOOK_FULL") == "1";
        Environment.SetEnvironmentVariable("MAPLE_NOTEBOOK_QUICK", full ? null : "1");
        Environment.SetEnvironmentVariable("MAPLE_ASSETS", SampleAssets.Dir);
        try
        {
            Console.SetOut(console);
            await InMemoryCSharp.RunAsync(compilation);
        }
        catch (Exception e)
        {
            Assert.Fail($"{name} failed: {e}\n--- notebook output ---\n{console}");
        }
        finally
        {
            Console.SetOut(originalOut);
            output.WriteLine(console.ToString());
            Environment.SetEnvironmentVariable("MAPLE_NOTEBOOK_QUICK", null);
            Environment.SetEnvironmentVariable("MAPLE_ASSETS", null);
        }
        SaveDisplayedOutput(name, displayed, console.ToString());
        // Each notebook shows at least one picture (a contact sheet or a plot) as an inline PNG.
        Assert.Contains(displayed, v => v is NotebookHtml h && h.Html.Contains("data:image/png;base64,", StringComparison.Ordinal));
    }

    [Fact]
    public void SubmissionsSeeEarlierCellsAndReportErrorsPerCell()
    {
        var errors = InMemoryCSharp.SubmissionErrors("using System;", [
            ("n.ipynb cell 1", "var a = 1;\nint Twice(int x) => 2 * x;"),
            ("n.ipynb cell 2", "Console.WriteLine(Twice(a));"),
            ("n.ipynb cell 3", "Console.WriteLine(a + b);"),
        ]);
        var error = Assert.Single(errors);
        Assert.StartsWith("n.ipynb cell 3(1,23): error CS0103:", error);   // 'b' does not exist
    }

    [Fact]
    public void ProgramBlanksDirectivesHoistsUsingsAndSkipsOtherKernels()
    {
        const string json = """
            {"cells": [
              {"cell_type": "markdown", "metadata": {}, "source": ["# Title"]},
              {"cell_type": "code", "metadata": {"dotnet_interactive": {"language": "csharp"}}, "source": ["#r \"nuget: MaPLe.Core\"\n", "var a = 1;"]},
              {"cell_type": "code", "metadata": {"dotnet_interactive": {"language": "fsharp"}}, "source": "let b = 2"},
              {"cell_type": "code", "metadata": {}, "source": "using System.Text;\nusing var s = new MemoryStream();\nvar c = a + 1;"}
            ],
             "metadata": {"kernelspec": {"name": ".net-csharp"}}, "nbformat": 4, "nbformat_minor": 5}
            """;
        var cells = NotebookProgram.CodeCells(json);
        Assert.Equal([(1, "csharp"), (2, "fsharp"), (3, "csharp")], cells.Select(c => (c.Index, c.Language)));

        var program = NotebookProgram.ToProgram("n.ipynb", cells);
        Assert.Equal(
            "using System.Text;\n#line default\n" +
            "#line 1 \"n.ipynb cell 1\"\n\nvar a = 1;\n" +
            "#line 1 \"n.ipynb cell 3\"\n\nusing var s = new MemoryStream();\nvar c = a + 1;\n",
            program);
    }

    // What the .NET Interactive C# kernel imports into every cell, plus its display helpers.
    private const string KernelUsings = """
        global using System;
        global using System.Collections;
        global using System.Collections.Generic;
        global using System.Linq;
        global using System.Text;
        global using System.Threading.Tasks;
        global using static MaPLe.Tests.Docs.NotebookKernel;
        """;

    // With MAPLE_NOTEBOOK_OUTPUT set, writes what the notebook displayed and printed to <that folder>/<name>.html (to look at the plots).
    private static void SaveDisplayedOutput(string name, IEnumerable<object?> displayed, string consoleText)
    {
        var folder = Environment.GetEnvironmentVariable("MAPLE_NOTEBOOK_OUTPUT");
        if (string.IsNullOrWhiteSpace(folder)) return;
        Directory.CreateDirectory(folder);
        var html = string.Join("\n", displayed.Select(v => v is NotebookHtml h ? h.Html : $"<pre>{System.Net.WebUtility.HtmlEncode(v?.ToString())}</pre>"));
        File.WriteAllText(Path.Combine(folder, Path.ChangeExtension(name, ".html")),
            $"<html><body>{html}\n<pre>{System.Net.WebUtility.HtmlEncode(consoleText)}</pre></body></html>");
    }

    private static string Read(string name) => File.ReadAllText(Path.Combine(Fixtures.RepoRoot, Folder, name));
}
