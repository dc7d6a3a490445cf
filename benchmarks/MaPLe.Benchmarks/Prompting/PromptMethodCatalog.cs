using MaPLe.Clip;
using MaPLe.Prompting;
using MaPLe.Tokenization;
using MaPLe.Tuning;

namespace MaPLe.Benchmarks.Prompting;

/// <summary>The benchmarked methods with their paper configurations, the class set, and their parameter counts.</summary>
internal static class PromptMethodCatalog
{
    // Every registered method and variant (maple, maple-shared, ivlp, ...): a new method folder is benchmarked as is.
    private static IReadOnlyList<string> MethodNames => PromptMethods.SelectableNames;

    private static readonly Lazy<IReadOnlyDictionary<string, long>> Counts = new(CountAll);

    /// <summary><paramref name="count"/> class names of two words each (toy-world colour × shape pairs, up to 120).</summary>
    public static IReadOnlyList<string> Classes(int count) =>
        count == 10 ? TenClasses : MaPLe.ToyWorld.ToyColorShape.All().Take(count).Select(c => c.ClassName).ToList();

    /// <summary>Ten class names (Oxford Pets breeds).</summary>
    public static IReadOnlyList<string> TenClasses { get; } =
    [
        "abyssinian", "american_bulldog", "basset_hound", "beagle", "bengal",
        "birman", "bombay", "boxer", "british_shorthair", "chihuahua",
    ];

    /// <summary>Every benchmarked method (restricted by <c>MAPLE_BENCH_METHODS</c>, comma-separated, when set).</summary>
    public static IEnumerable<string> All => Selected(MethodNames);

    /// <summary>The methods with something to train (restricted by <c>MAPLE_BENCH_METHODS</c> when set).</summary>
    public static IEnumerable<string> Trainable => Selected(MethodNames.Where(m => PromptMethods.Get(m).CanTrain));

    // BenchmarkDotNet's --filter does not see parameters; a CPU run of every method takes long, so allow a subset.
    private static IEnumerable<string> Selected(IEnumerable<string> methods)
    {
        var only = Environment.GetEnvironmentVariable("MAPLE_BENCH_METHODS");
        if (string.IsNullOrWhiteSpace(only)) return methods;
        var wanted = only.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return methods.Where(wanted.Contains);
    }

    /// <summary>The paper options of <paramref name="method"/>.</summary>
    public static PromptMethodOptions Options(string method) => PromptMethods.CreateOptions(method);

    /// <summary>Learnable parameters of <paramref name="method"/> on ViT-B/16 (computed once, on a random ViT-B/16).</summary>
    public static long ParameterCount(string method) => Counts.Value[method];

    /// <summary>
    /// "fp32" and "bf16", or those listed in <c>MAPLE_BENCH_PRECISION</c>. bf16 is only fast on CPUs with AVX512-BF16 or
    /// AMX; elsewhere libtorch emulates it (a ViT-B/16 step takes minutes).
    /// </summary>
    public static IEnumerable<string> Precisions
    {
        get
        {
            var only = Environment.GetEnvironmentVariable("MAPLE_BENCH_PRECISION");
            return string.IsNullOrWhiteSpace(only) ? ["fp32", "bf16"] : only.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        }
    }

    /// <summary>Backbone options for "fp32" or "bf16".</summary>
    public static ClipBackboneOptions Backbone(string precision) => new()
    {
        ComputeDType = precision == "bf16" ? TorchSharp.torch.ScalarType.BFloat16 : TorchSharp.torch.ScalarType.Float32,
    };

    /// <summary>A tokenizer from the fixture vocabulary.</summary>
    public static ClipTokenizer Tokenizer() => ClipTokenizer.FromBpeFile(BenchmarkAssets.BpeVocabulary);

    private static IReadOnlyDictionary<string, long> CountAll()
    {
        using var clip = ClipBackbone.CreateRandom(ClipConfig.VitB16);
        var tokenizer = Tokenizer();
        var counts = new Dictionary<string, long>();
        foreach (var name in MethodNames)
        {
            using var learner = Options(name).CreateLearner(clip, tokenizer, TenClasses);
            counts[name] = learner.TrainableParameterCount;
        }
        return counts;
    }
}
