using MaPLe.Tuning;

namespace MaPLe.Tests.Docs;

/// <summary>
/// What every C# block of the documentation is compiled with. The blocks are snippets: they use a few free variables a
/// reader understands from the prose (the data root, the weights, a tuner made earlier on the page, ...). Those are
/// declared here, typed, as static members imported into every block; a block that declares the same name itself (e.g.
/// <c>using var tuner = ...</c>) shadows the placeholder. The global usings are those of a .NET console application
/// (<c>ImplicitUsings</c>) plus every namespace of MaPLe.Core, TorchSharp's <c>torch</c> and dependency injection.
/// Add a placeholder here when a new doc block needs one, with the type the prose implies.
/// </summary>
public static class DocSnippetPreamble
{
    /// <summary>The placeholder declarations (file <c>DocPlaceholders.cs</c> of each compilation).</summary>
    public const string Placeholders = """
        using MaPLe.Data;
        using MaPLe.Tuning;
        using Microsoft.Extensions.DependencyInjection;
        using TorchSharp;

        public static class DocPlaceholders
        {
            // The folder holding the benchmark datasets (upstream's $DATA).
            public static string root = "";
            // CLIP weights (.safetensors).
            public static string weights = "";
            // CLIP's BPE vocabulary (bpe_simple_vocab_16e6.txt.gz).
            public static string vocab = "";
            // Normalized images [B, 3, H, W].
            public static torch.Tensor images = null!;
            // Labelled training images.
            public static IReadOnlyList<ImageItem> trainItems = null!;
            // The ImageNet dataset (16 shots), the source of cross-dataset transfer.
            public static IImageDataset imagenet = null!;
            // A tuner built earlier on the page.
            public static PromptTuner tuner = null!;
            // An application's service collection.
            public static IServiceCollection services = null!;
            // An application's configuration (appsettings.json and the like).
            public static Microsoft.Extensions.Configuration.IConfiguration configuration = null!;
        }
        """;

    /// <summary>The global usings (file <c>GlobalUsings.cs</c> of each compilation).</summary>
    public static string GlobalUsings { get; } = string.Join('\n',
        new[] { "System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Net.Http", "System.Threading", "System.Threading.Tasks",
                "TorchSharp", "Microsoft.Extensions.DependencyInjection" }
            .Concat(MaPLeNamespaces())
            .Select(ns => $"global using {ns};")
            .Concat(["global using static TorchSharp.torch;", "global using static DocPlaceholders;"]));

    private static IEnumerable<string> MaPLeNamespaces() =>
        new[] { typeof(PromptTuner).Assembly, typeof(MaPLe.ToyWorld.ToyWorldTask).Assembly }
            .SelectMany(a => a.GetExportedTypes()).Select(t => t.Namespace).OfType<string>().Distinct().Order(StringComparer.Ordinal);
}
