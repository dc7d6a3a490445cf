using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.Loader;
using System.Text;
using MaPLe.Tuning;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace MaPLe.Tests.Docs;

/// <summary>
/// Compiles C# source in memory with Roslyn against the assemblies of the test process: the trusted platform assemblies
/// (the .NET runtime and every assembly of the test project's dependency graph: TorchSharp, SkiaSharp, ScottPlot, ...)
/// plus the assemblies already loaded (MaPLe.Core, the test assembly), one reference per assembly name.
/// </summary>
public static class InMemoryCSharp
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> ReferencesLazy = new(LoadReferences);

    /// <summary>The parse options: the latest language version, like the repository's projects.</summary>
    public static CSharpParseOptions ParseOptions { get; } = new(LanguageVersion.Latest);

    /// <summary>The metadata references every compilation gets.</summary>
    public static ImmutableArray<MetadataReference> References => ReferencesLazy.Value;

    /// <summary>Parses <paramref name="source"/>; <paramref name="path"/> names it in diagnostics (unless <c>#line</c> maps it elsewhere).</summary>
    public static SyntaxTree Parse(string source, string path) =>
        CSharpSyntaxTree.ParseText(SourceText.From(source, Encoding.UTF8), ParseOptions, path);   // an encoding lets Emit write the PDB

    /// <summary>A console-application compilation (top-level statements allowed) with nullable checks on.</summary>
    public static CSharpCompilation Compile(string assemblyName, IEnumerable<SyntaxTree> trees) =>
        CSharpCompilation.Create(assemblyName, trees, References,
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable,
                optimizationLevel: OptimizationLevel.Debug, concurrentBuild: false));

    /// <summary>The errors of <paramref name="diagnostics"/>, one line each: <c>file(line,col): error CSxxxx: message</c> and the source line.</summary>
    public static IReadOnlyList<string> Errors(IEnumerable<Diagnostic> diagnostics) =>
        diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(Describe).ToList();

    /// <summary>
    /// The errors of compiling <paramref name="submissions"/> as a chain of C# script submissions (what a notebook kernel
    /// does with its cells: each cell sees the variables, methods and usings of the earlier ones), after a first
    /// submission <paramref name="preamble"/> (the kernel's own usings).
    /// </summary>
    public static IReadOnlyList<string> SubmissionErrors(string preamble, IEnumerable<(string Path, string Code)> submissions)
    {
        var options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable);
        var scriptOptions = ParseOptions.WithKind(SourceCodeKind.Script);
        CSharpCompilation? previous = null;
        var errors = new List<string>();
        int n = 0;
        foreach (var (path, code) in submissions.Prepend(("preamble", preamble)))
        {
            var tree = CSharpSyntaxTree.ParseText(SourceText.From(code, Encoding.UTF8), scriptOptions, path);
            previous = CSharpCompilation.CreateScriptCompilation($"Submission{n++}", tree, References, options, previous);
            errors.AddRange(Errors(previous.GetDiagnostics()).Where(e => !errors.Contains(e)));
        }
        return errors;
    }

    /// <summary>Emits <paramref name="compilation"/>, loads it into a collectible context and runs its entry point to completion.</summary>
    /// <exception cref="InvalidOperationException">The compilation has errors (listed in the message).</exception>
    public static async Task RunAsync(CSharpCompilation compilation)
    {
        using var peStream = new MemoryStream();
        using var pdbStream = new MemoryStream();
        var emit = compilation.Emit(peStream, pdbStream);
        var errors = Errors(emit.Diagnostics);
        if (!emit.Success || errors.Count > 0)
            throw new InvalidOperationException($"{compilation.AssemblyName} does not compile:\n{string.Join('\n', errors)}");
        peStream.Position = pdbStream.Position = 0;
        var context = new AssemblyLoadContext(compilation.AssemblyName, isCollectible: true);   // dependencies fall back to the default context
        try
        {
            var assembly = context.LoadFromStream(peStream, pdbStream);
            var entry = assembly.EntryPoint ?? throw new InvalidOperationException($"{compilation.AssemblyName} has no entry point.");
            // Async top-level statements compile to <Main>$ (returning Task) wrapped by a synchronous entry point: await the former.
            var main = entry.DeclaringType!.GetMethod("<Main>$", BindingFlags.Static | BindingFlags.NonPublic | BindingFlags.Public) ?? entry;
            object?[]? arguments = main.GetParameters().Length == 0 ? null : [Array.Empty<string>()];
            try
            {
                var result = main.Invoke(null, arguments);
                if (result is Task task) await task.ConfigureAwait(false);
            }
            catch (TargetInvocationException e) when (e.InnerException is not null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerException);
            }
        }
        finally
        {
            context.Unload();
        }
    }

    private static string Describe(Diagnostic d)
    {
        var span = d.Location.GetMappedLineSpan();
        var where = span.IsValid ? $"{span.Path}({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1})" : "(no location)";
        var text = d.Location.SourceTree?.GetText().Lines.GetLineFromPosition(d.Location.SourceSpan.Start).ToString().Trim();
        return $"{where}: error {d.Id}: {d.GetMessage()}" + (string.IsNullOrEmpty(text) ? "" : $"\n    > {text}");
    }

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        // Force the libraries a snippet may use into the process so their locations are known even if no test touched them yet.
        Assembly[] anchors = [typeof(PromptTuner).Assembly, typeof(MaPLe.ToyWorld.ToyWorldTask).Assembly, typeof(TorchSharp.torch).Assembly, typeof(ScottPlot.Plot).Assembly,
            typeof(Microsoft.Extensions.DependencyInjection.IServiceCollection).Assembly, typeof(InMemoryCSharp).Assembly];
        var paths = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var tpa = (AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        var loaded = anchors.Concat(AppDomain.CurrentDomain.GetAssemblies()).Where(a => !a.IsDynamic && a.Location.Length > 0).Select(a => a.Location);
        foreach (var path in loaded.Concat(tpa))
        {
            if (!path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) || !File.Exists(path)) continue;
            paths.TryAdd(Path.GetFileNameWithoutExtension(path), path);
        }
        return [.. paths.Values.Where(IsManaged).Order(StringComparer.Ordinal).Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))];
    }

    private static bool IsManaged(string path)
    {
        try
        {
            AssemblyName.GetAssemblyName(path);
            return true;
        }
        catch (BadImageFormatException)
        {
            return false;
        }
    }
}
