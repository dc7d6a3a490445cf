using System.Reflection;

namespace MaPLe.Tokenization;

/// <summary>
/// The HTML named character references Python's <c>html.unescape</c> knows (WHATWG's table, 2,231 names), kept as data
/// in the embedded resource <c>Resources/html-entities.txt</c> (its header says how it was generated).
/// </summary>
internal static class HtmlEntityTable
{
    private const string ResourceName = "MaPLe.Tokenization.Resources.html-entities.txt";

    /// <summary>The table's lines, <c>[*]name hex[+hex]</c>, without the <c>#</c> comment header.</summary>
    internal static IEnumerable<string> Lines()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource '{ResourceName}' is missing from {typeof(HtmlEntityTable).Assembly.GetName().Name}: the build is broken.");
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && line[0] != '#')
                yield return line;
        }
    }
}
