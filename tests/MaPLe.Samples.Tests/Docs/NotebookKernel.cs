namespace MaPLe.Tests.Docs;

/// <summary>HTML handed to <see cref="NotebookKernel.display"/> (stands in for .NET Interactive's <c>IHtmlContent</c>).</summary>
public sealed record NotebookHtml(string Html)
{
    /// <inheritdoc />
    public override string ToString() => Html;
}

/// <summary>
/// The helpers the .NET Interactive C# kernel gives every cell (<c>using static Microsoft.DotNet.Interactive.Kernel</c>):
/// <c>display(value)</c> and <c>HTML(text)</c>. When a notebook runs as a program in the tests they record what was
/// displayed instead of rendering it.
/// </summary>
public static class NotebookKernel
{
    private static readonly AsyncLocal<List<object?>?> Sink = new();

    /// <summary>Starts recording displayed values for the current async flow; returns the list they go to.</summary>
    public static List<object?> Record() => Sink.Value = [];

    /// <summary>Displays <paramref name="value"/> (recorded; echoed to the console as text).</summary>
    public static object? display(object? value, params string[] mimeTypes)
    {
        Sink.Value?.Add(value);
        Console.WriteLine(value is NotebookHtml html ? $"[html, {html.Html.Length} characters]" : value);
        return value;
    }

    /// <summary>Marks <paramref name="html"/> as HTML to display.</summary>
    public static NotebookHtml HTML(string html) => new(html);
}
