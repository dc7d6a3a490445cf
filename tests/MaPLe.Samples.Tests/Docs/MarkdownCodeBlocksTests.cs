namespace MaPLe.Tests.Docs;

/// <summary>The fence reader the doc tests rely on, on hand-written Markdown.</summary>
public sealed class MarkdownCodeBlocksTests
{
    [Fact]
    public void ReadsLanguageFirstLineAndContentOfEachFence()
    {
        const string md = "# Title\n\n```bash\nls\n```\n\ntext\n\n```csharp\nvar a = 1;\n\nvar b = 2;\n```\n~~~~ cs title\nx();\n```\n~~~~\n";
        var blocks = MarkdownCodeBlocks.Parse("x.md", md);

        Assert.Equal(3, blocks.Count);
        Assert.Equal(new MarkdownCodeBlock("x.md", 0, "bash", 4, "ls"), blocks[0]);
        Assert.Equal(new MarkdownCodeBlock("x.md", 1, "csharp", 10, "var a = 1;\n\nvar b = 2;"), blocks[1]);
        Assert.Equal(new MarkdownCodeBlock("x.md", 2, "cs", 15, "x();\n```"), blocks[2]);   // a shorter fence does not close a longer one
        Assert.Equal([false, true, true], blocks.Select(b => b.IsCSharp));
    }

    [Fact]
    public void SkipMarkerCountsOnlyOnTheFirstLine()
    {
        var blocks = MarkdownCodeBlocks.Parse("x.md", "```csharp\n// doc-test: skip\nfoo(\n```\n```csharp\nfoo();\n// doc-test: skip\n```\n");
        Assert.True(blocks[0].IsSkipped);
        Assert.False(blocks[1].IsSkipped);
    }

    [Fact]
    public void UnclosedFenceIsReportedWithItsLine()
    {
        var e = Assert.Throws<FormatException>(() => MarkdownCodeBlocks.Parse("docs/a.md", "text\n```csharp\nvar a = 1;\n"));
        Assert.Contains("docs/a.md(2)", e.Message);
    }
}
