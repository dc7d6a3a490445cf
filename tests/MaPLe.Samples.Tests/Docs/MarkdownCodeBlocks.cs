namespace MaPLe.Tests.Docs;

/// <summary>A fenced code block of a Markdown file.</summary>
/// <param name="File">The file, relative to the repository root, with forward slashes (e.g. <c>docs/training.md</c>).</param>
/// <param name="Index">0-based index among all fenced blocks of the file.</param>
/// <param name="Language">The fence's info string, lower case (<c>csharp</c>, <c>bash</c>, or empty).</param>
/// <param name="FirstLine">1-based line number of the block's first content line (the line after the opening fence).</param>
/// <param name="Code">The block's content, lines joined with '\n'.</param>
public sealed record MarkdownCodeBlock(string File, int Index, string Language, int FirstLine, string Code)
{
    /// <summary>The marker a block may put on its first line to be left out of compilation (a fragment that cannot compile).</summary>
    public const string SkipMarker = "// doc-test: skip";

    /// <summary>Whether the block is C# (<c>csharp</c>, <c>cs</c> or <c>c#</c>).</summary>
    public bool IsCSharp => MarkdownCodeBlocks.CSharpLanguages.Contains(Language);

    /// <summary>Whether the block opts out with <see cref="SkipMarker"/> on its first line.</summary>
    public bool IsSkipped => Code.Split('\n', 2)[0].Trim().StartsWith(SkipMarker, StringComparison.Ordinal);
}

/// <summary>Reads the fenced code blocks (``` or ~~~, CommonMark rules for the fence length) of Markdown text.</summary>
public static class MarkdownCodeBlocks
{
    /// <summary>The languages compiled as C#.</summary>
    public static readonly IReadOnlySet<string> CSharpLanguages = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "csharp", "cs", "c#" };

    /// <summary>Every fenced block of <paramref name="markdown"/>; <paramref name="file"/> is recorded in each.</summary>
    /// <exception cref="FormatException">A fence is never closed.</exception>
    public static IReadOnlyList<MarkdownCodeBlock> Parse(string file, string markdown)
    {
        var lines = markdown.Replace("\r\n", "\n").Split('\n');
        var blocks = new List<MarkdownCodeBlock>();
        for (int i = 0; i < lines.Length; i++)
        {
            if (!TryOpenFence(lines[i], out var fence, out var language)) continue;
            int start = i + 1, end = start;
            while (end < lines.Length && !IsClosingFence(lines[end], fence)) end++;
            if (end == lines.Length)
                throw new FormatException($"{file}({i + 1}): the code fence '{fence}' is never closed.");
            blocks.Add(new MarkdownCodeBlock(file, blocks.Count, language, start + 1, string.Join('\n', lines[start..end])));
            i = end;
        }
        return blocks;
    }

    private static bool TryOpenFence(string line, out string fence, out string language)
    {
        fence = language = "";
        var trimmed = line.TrimStart(' ');
        if (line.Length - trimmed.Length > 3 || trimmed.Length < 3 || (trimmed[0] != '`' && trimmed[0] != '~')) return false;
        int n = 0;
        while (n < trimmed.Length && trimmed[n] == trimmed[0]) n++;
        if (n < 3) return false;
        fence = trimmed[..n];
        var info = trimmed[n..].Trim();
        language = info.Split(' ', 2)[0].ToLowerInvariant();
        return true;
    }

    private static bool IsClosingFence(string line, string fence)
    {
        var trimmed = line.Trim();
        return trimmed.Length >= fence.Length && trimmed.All(c => c == fence[0]);
    }
}
