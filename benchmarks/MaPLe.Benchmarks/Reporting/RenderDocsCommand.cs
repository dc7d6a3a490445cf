namespace MaPLe.Benchmarks.Reporting;

/// <summary>
/// <c>render-docs [--results DIR] [--doc FILE]</c>: writes the GitHub-Markdown reports of a results folder (default
/// <c>BenchmarkDotNet.Artifacts/results</c>) into the marked region of a document (default <c>docs/performance.md</c>),
/// describing the machine it runs on. Paths are relative to the current folder: run it from the repository root, on the
/// machine that ran the benchmarks.
/// </summary>
internal static class RenderDocsCommand
{
    /// <summary>The command's name (first argument of the benchmarks program).</summary>
    public const string Name = "render-docs";

    /// <summary>The default document.</summary>
    public const string DefaultDoc = "docs/performance.md";

    private const string Usage = $"usage: {Name} [--results DIR] [--doc FILE]   (defaults: {BenchmarkResults.DefaultFolder}, {DefaultDoc})";

    /// <summary>Runs the command; 0 on success, 1 when rendering failed, 2 for bad arguments (the reason goes to <paramref name="error"/>).</summary>
    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error) =>
        Run(args, output, error, MachineDescription.Current);

    /// <summary>As <see cref="Run(IReadOnlyList{string}, TextWriter, TextWriter)"/>, describing the machine with <paramref name="machine"/>.</summary>
    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error, Func<MachineDescription> machine)
    {
        string results = BenchmarkResults.DefaultFolder, doc = DefaultDoc;
        for (int i = 0; i < args.Count; i++)
        {
            var value = i + 1 < args.Count ? args[i + 1] : null;
            switch (args[i])
            {
                case "--results" when value is not null: results = value; i++; break;
                case "--doc" when value is not null: doc = value; i++; break;
                default:
                    error.WriteLine($"{Name}: unexpected '{args[i]}'{(value is null && args[i].StartsWith("--", StringComparison.Ordinal) ? " (missing its value)" : "")}.");
                    error.WriteLine(Usage);
                    return 2;
            }
        }
        try
        {
            PerformanceDocRenderer.RenderFile(doc, results, machine());
            output.WriteLine($"{Name}: wrote the reports of '{Path.GetFullPath(results)}' into '{Path.GetFullPath(doc)}'.");
            return 0;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            error.WriteLine($"{Name}: {e.Message}");
            return 1;
        }
    }
}
