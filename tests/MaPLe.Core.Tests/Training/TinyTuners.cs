using MaPLe.Clip;
using MaPLe.Prompting;
using MaPLe.Prompting.MaPLe;
using MaPLe.Tests.TestSupport;
using MaPLe.Tuning;
using Microsoft.Extensions.Logging;
using static TorchSharp.torch;

namespace MaPLe.Tests.Training;

/// <summary>Tuners on the fixture's tiny CLIP (64 px, 12+12 layers) sharing one frozen backbone.</summary>
public static class TinyTuners
{
    private static readonly Lazy<ClipBackbone> BackboneLazy = new(() => ClipBackbone.Load(Fixtures.TinyOpenAiWeights));

    /// <summary>The shared tiny CLIP (read-only; never disposed by tuners).</summary>
    public static ClipBackbone Backbone => BackboneLazy.Value;

    /// <summary>A seeded tuner on the shared backbone; MaPLe by default.</summary>
    public static PromptTuner Create(IEnumerable<string> classNames, PromptMethodOptions? method = null, long seed = 7,
        IClipBackbone? backbone = null, ILoggerFactory? loggerFactory = null)
    {
        var builder = new PromptTunerBuilder()
            .UseBackbone(backbone ?? Backbone, ownsBackbone: false)
            .UseTokenizer(CaseLearners.Tokenizer)
            .UseMethod(method ?? new MaPLeOptions { PromptLength = 2, PromptDepth = 3 })
            .UseClassNames(classNames)
            .UseSeed(seed);
        if (loggerFactory is not null) builder.UseLogger(loggerFactory);
        return builder.Build();
    }

    /// <summary>Detached CPU copies of the tuner's prompts (the caller disposes them).</summary>
    public static Dictionary<string, Tensor> Snapshot(PromptTuner tuner)
    {
        var copy = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var (name, p) in tuner.Learner.StateDict())
        {
            using var scope = NewDisposeScope();
            copy[name] = p.detach().cpu().clone().DetachFromDisposeScope();
        }
        return copy;
    }

    /// <summary>Largest absolute difference over every tensor of two state dicts with the same keys.</summary>
    public static double MaxAbsDiff(IReadOnlyDictionary<string, Tensor> a, IReadOnlyDictionary<string, Tensor> b)
    {
        Assert.Equal(a.Keys.Order(), b.Keys.Order());
        return a.Keys.Max(k => TensorAssert.MaxAbsDiff(a[k], b[k]));
    }

    /// <summary>Disposes every tensor of a dictionary.</summary>
    public static void DisposeAll(IReadOnlyDictionary<string, Tensor> tensors)
    {
        foreach (var t in tensors.Values) t.Dispose();
    }
}
