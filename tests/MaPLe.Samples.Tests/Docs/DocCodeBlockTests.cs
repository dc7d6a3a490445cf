using MaPLe.Tests.TestSupport;

namespace MaPLe.Tests.Docs;

/// <summary>
/// Every C# block of README.md and docs/*.md compiles (one row per block) against the library, with the free variables
/// of <see cref="DocSnippetPreamble"/>: the documentation cannot drift from the API. A block that is a fragment by nature
/// may opt out with <c>// doc-test: skip</c> on its first line.
/// </summary>
public sealed class DocCodeBlockTests
{
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
    public void CSharpBlockCompiles(string file, int index)
    {
        var block = Blocks(file).Single(b => b.Index == index);
        if (block.IsSkipped) return;   // explicitly a fragment (see the class summary)

        var errors = CompileErrors(block);
        Assert.True(errors.Count == 0,
            $"C# block {index} of {file} (line {block.FirstLine}) does not compile:\n{string.Join('\n', errors)}");
    }

    [Fact]
    public void ErrorsNameTheMarkdownFileAndLine()
    {
        var block = new MarkdownCodeBlock("docs/example.md", 3, "csharp", 40,
            "using var t = new PromptTunerBuilder().UseBackbone(weights).Build();\nt.FitAsync(trainItems, wrongName);");
        var error = Assert.Single(CompileErrors(block));
        Assert.StartsWith("docs/example.md(41,24): error CS0103:", error);   // 'wrongName' does not exist
    }

    [Fact]
    public void EveryDocumentationFileIsScanned()
    {
        var files = DocumentationFiles().ToList();
        Assert.Contains("README.md", files);
        Assert.Contains("docs/getting-started.md", files);
        Assert.NotEmpty(CSharpBlocks());
    }

    private static IReadOnlyList<string> CompileErrors(MarkdownCodeBlock block) =>
        InMemoryCSharp.Errors(InMemoryCSharp.Compile($"DocBlock_{block.Index}", [
            InMemoryCSharp.Parse(DocSnippetPreamble.GlobalUsings, "GlobalUsings.cs"),
            InMemoryCSharp.Parse(DocSnippetPreamble.Placeholders, "DocPlaceholders.cs"),
            // #line maps every diagnostic to the Markdown file and line.
            InMemoryCSharp.Parse($"#line {block.FirstLine} \"{block.File}\"\n{block.Code}\n", block.File),
        ]).GetDiagnostics());

    private static IEnumerable<string> DocumentationFiles() =>
        new[] { "README.md" }.Concat(Directory.GetFiles(Path.Combine(Fixtures.RepoRoot, "docs"), "*.md")
            .Select(p => "docs/" + Path.GetFileName(p)).Order(StringComparer.Ordinal));

    private static IReadOnlyList<MarkdownCodeBlock> Blocks(string file) =>
        MarkdownCodeBlocks.Parse(file, File.ReadAllText(Path.Combine(Fixtures.RepoRoot, file)));
}
