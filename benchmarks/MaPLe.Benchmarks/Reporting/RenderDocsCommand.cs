namespace MaPLe.Benchmarks.Reporting;

internal static class RenderDocsCommand
{
    public const string Name = "render-docs";
    public static int Run(string[] args, TextWriter output, TextWriter error) => 1;
}
