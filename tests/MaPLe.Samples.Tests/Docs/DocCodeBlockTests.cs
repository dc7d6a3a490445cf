using System.Collections.Immutable;
using MaPLe.Tests.TestSupport;
using MaPLe.Tuning;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace MaPLe.Tests.Docs;

/// <summary>
/// Every C# block of README.md, docs/*.md and the package readme compiles as printed (one row per block, read from the
/// files). A complete block is compiled exactly as a reader pastes it into <c>Program.cs</c> of a new console app that
/// references the MaPLe.Core package: with only the SDK's implicit usings, against the .NET runtime and MaPLe.Core's own
/// dependency graph (plus <c>Microsoft.Extensions.DependencyInjection</c>, the container every host has, for the DI
/// blocks) — no hidden usings, no predeclared variables. A block whose first line is <c>// Fragment: &lt;what it
/// continues&gt;</c> says so to the reader; it is compiled inside <see cref="DocSnippetPreamble"/> (every MaPLe namespace
/// imported, the free variables of the prose declared).
/// </summary>
public sealed class DocCodeBlockTests
{
    /// <summary>The usings a console app gets from the SDK (<c>ImplicitUsings</c>), and nothing else.</summary>
    public const string ConsoleAppImplicitUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Threading;
        global using System.Threading.Tasks;
        """;

    private static readonly Lazy<ImmutableArray<MetadataReference>> PackageConsumerReferences = new(() =>
        InMemoryCSharp.ReferencesOf(typeof(PromptTuner).Assembly, typeof(Microsoft.Extensions.DependencyInjection.ServiceCollection).Assembly));

    /// <summary>Every fenced C# block: (file relative to the repository root, block index in that file).</summary>
    public static TheoryData<string, int> CSharpBlocks()
    {
        var data = new TheoryData<string, int>();
        foreach (var block in DocumentationFiles().SelectMany(Blocks).Where(b => b.IsCSharp))
            data.Add(block.File, block.Index);
        return data;
    }

    [Theory]
    [MemberData(nameof(CSharpBlocks))]
    public void CSharpBlockCompilesAsPrinted(string file, int index)
    {
        var block = Blocks(file).Single(b => b.Index == index);
        Assert.False(block.IsFragment && block.Continues.Length == 0,
            $"C# block {index} of {file} (line {block.FirstLine}) is marked '{MarkdownCodeBlock.FragmentMarker}' without saying what it continues.");

        var errors = CompileErrors(block);
        Assert.True(errors.Count == 0,
            $"C# block {index} of {file} (line {block.FirstLine}) does not compile {(block.IsFragment ? "as a fragment" : "as a complete program (add its usings and declare its inputs, or mark it '// Fragment: <what it continues>')")}:\n" +
            string.Join('\n', errors));
    }

    [Fact]
    public void ACompleteBlockGetsNoHiddenUsingsOrVariables()
    {
        // Compiles as a fragment (preamble: MaPLe namespaces, a 'weights' placeholder); fails as a complete program.
        const string code = "using var t = new PromptTunerBuilder().UseBackbone(weights).Build();";
        Assert.Empty(CompileErrors(new MarkdownCodeBlock("docs/example.md", 0, "csharp", 10, "// Fragment: continues the example above\n" + code)));
        var errors = CompileErrors(new MarkdownCodeBlock("docs/example.md", 1, "csharp", 10, code));
        Assert.Contains(errors, e => e.StartsWith("docs/example.md(10,19): error CS0246:", StringComparison.Ordinal));   // PromptTunerBuilder: no using
        Assert.Contains(errors, e => e.StartsWith("docs/example.md(10,52): error CS0103:", StringComparison.Ordinal));   // 'weights' is not declared
    }

    [Fact]
    public void ACompleteBlockSeesOnlyThePackagesDependencyGraph()
    {
        // MaPLe.ToyWorld and ScottPlot are in the test process but not in MaPLe.Core's package graph.
        var errors = CompileErrors(new MarkdownCodeBlock("docs/example.md", 0, "csharp", 1, "var plot = new ScottPlot.Plot();"));
        Assert.Contains(errors, e => e.Contains("error CS0246", StringComparison.Ordinal));
        Assert.Empty(CompileErrors(new MarkdownCodeBlock("docs/example.md", 1, "csharp", 1,
            "using TorchSharp;\nusing var t = torch.ones(2);\nusing var bitmap = new SkiaSharp.SKBitmap(2, 2);")));
    }

    [Fact]
    public void BuildingATunerAndClassifyingNeedOnlyTheTuningNamespace()
    {
        // Every Use<Method>() of the package (found by reflection, so a new method is covered) with only 'using MaPLe.Tuning;'.
        var methods = typeof(PromptTuner).Assembly.GetExportedTypes()
            .Where(t => t.IsAbstract && t.IsSealed)
            .SelectMany(t => t.GetMethods(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static))
            .Where(m => m.Name.StartsWith("Use", StringComparison.Ordinal) && m.IsDefined(typeof(System.Runtime.CompilerServices.ExtensionAttribute), false)
                && m.GetParameters() is [var self, .. var rest] && self.ParameterType == typeof(PromptTunerBuilder) && rest.All(p => p.IsOptional))
            .Select(m => m.Name).Distinct().Order(StringComparer.Ordinal).ToList();
        Assert.Contains("UseMaPLe", methods);
        Assert.Contains("UseCoOp", methods);

        var calls = string.Join('\n', methods.Select(m => $$"""
            using (var tuner = new PromptTunerBuilder().UseBackbone("clip.safetensors").UseTokenizer("vocab.txt.gz").{{m}}().UseClassNames(["cat", "dog"]).Build())
            {
                using var probabilities = tuner.Probabilities(["cat.jpg"]);
            }
            """));
        var errors = CompileErrors(new MarkdownCodeBlock("tuning-only.cs", 0, "csharp", 1, "using MaPLe.Tuning;\n\n" + calls));
        Assert.True(errors.Count == 0, string.Join('\n', errors));
    }

    [Fact]
    public void ErrorsNameTheMarkdownFileAndLine()
    {
        var block = new MarkdownCodeBlock("docs/example.md", 3, "csharp", 40,
            "// Fragment: continues the tuner above\nusing var t = new PromptTunerBuilder().UseBackbone(weights).Build();\nt.FitAsync(trainItems, wrongName);");
        var error = Assert.Single(CompileErrors(block));
        Assert.StartsWith("docs/example.md(42,24): error CS0103:", error);   // 'wrongName' does not exist
    }

    [Fact]
    public void EveryDocumentationFileIsScanned()
    {
        var files = DocumentationFiles().ToList();
        Assert.Contains("README.md", files);
        Assert.Contains("docs/getting-started.md", files);
        Assert.Contains("src/MaPLe.Core/PACKAGE.md", files);
        Assert.NotEmpty(CSharpBlocks());
    }

    private static IReadOnlyList<string> CompileErrors(MarkdownCodeBlock block)
    {
        // #line maps every diagnostic to the Markdown file and line.
        var code = InMemoryCSharp.Parse($"#line {block.FirstLine} \"{block.File}\"\n{block.Code}\n", block.File);
        var name = $"DocBlock_{block.Index}";
        if (block.IsFragment)
        {
            return InMemoryCSharp.Errors(InMemoryCSharp.Compile(name, [
                InMemoryCSharp.Parse(DocSnippetPreamble.GlobalUsings, "GlobalUsings.cs"),
                InMemoryCSharp.Parse(DocSnippetPreamble.Placeholders, "DocPlaceholders.cs"),
                code,
            ]).GetDiagnostics());
        }
        // A block of type declarations only is a file of the app; one with statements is its Program.cs.
        var kind = code.GetRoot().DescendantNodes().OfType<GlobalStatementSyntax>().Any() ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary;
        return InMemoryCSharp.Errors(InMemoryCSharp.Compile(name,
            [InMemoryCSharp.Parse(ConsoleAppImplicitUsings, "ImplicitUsings.g.cs"), code], PackageConsumerReferences.Value, kind).GetDiagnostics());
    }

    private static IEnumerable<string> DocumentationFiles() =>
        new[] { "README.md", "src/MaPLe.Core/PACKAGE.md" }.Concat(Directory.GetFiles(Path.Combine(Fixtures.RepoRoot, "docs"), "*.md")
            .Select(p => "docs/" + Path.GetFileName(p)).Order(StringComparer.Ordinal));

    private static IReadOnlyList<MarkdownCodeBlock> Blocks(string file) =>
        MarkdownCodeBlocks.Parse(file, File.ReadAllText(Path.Combine(Fixtures.RepoRoot, file)));
}
