using MaPLe.Prompting;
using MaPLe.Prompting.CoCoOp;
using MaPLe.Prompting.CoOp;
using MaPLe.Prompting.DeepLanguage;
using MaPLe.Prompting.DeepVision;
using MaPLe.Prompting.IndependentVL;
using MaPLe.Prompting.MaPLe;
using MaPLe.Prompting.ZeroShot;

namespace MaPLe.Tests.Prompting;

/// <summary>
/// The rows of the conformance matrix: every method (and notable variants) with options that fit the tiny CLIP.
/// A new method gets the whole shared suite by adding a row here.
/// </summary>
public static class PromptMethodRows
{
    private static readonly Dictionary<string, Func<PromptMethodOptions>> Rows = new()
    {
        ["maple"] = () => new MaPLeOptions(),
        ["maple-shared-coupling"] = () => new MaPLeOptions { SharedCoupling = true, PromptDepth = 3 },
        ["maple-random-init"] = () => new MaPLeOptions { ContextInit = "", ContextLength = 3, PromptDepth = 1 },
        ["ivlp"] = () => new IndependentVLOptions(),
        ["ivlp-shallow-uneven"] = () => new IndependentVLOptions { TextContextLength = 3, VisionContextLength = 5, TextDepth = 1, VisionDepth = 4 },
        ["language_deep"] = () => new DeepLanguageOptions(),
        ["vpt"] = () => new DeepVisionOptions(),
        ["coop"] = () => new CoOpOptions(),
        ["coop-random-middle"] = () => new CoOpOptions { ContextInit = "", ContextLength = 6, ClassTokenPosition = ClassTokenPosition.Middle },
        ["coop-random-front"] = () => new CoOpOptions { ContextInit = "", ContextLength = 3, ClassTokenPosition = ClassTokenPosition.Front },
        ["cocoop"] = () => new CoCoOpOptions(),
        ["zeroshot"] = () => new ZeroShotOptions(),
        ["zeroshot-ensemble"] = () => ZeroShotOptions.EnsembleForDataset("OxfordPets"),
    };

    /// <summary>The options of row <paramref name="row"/>.</summary>
    public static PromptMethodOptions Options(string row) => Rows[row]();

    /// <summary>All row names.</summary>
    public static TheoryData<string> All()
    {
        var data = new TheoryData<string>();
        foreach (var name in Rows.Keys) data.Add(name);
        return data;
    }

    /// <summary>One row per method (the row named after the method id): for the costlier checks.</summary>
    public static TheoryData<string> OnePerMethod()
    {
        var data = new TheoryData<string>();
        foreach (var name in Rows.Keys.Where(n => Options(n).Method == n)) data.Add(name);
        return data;
    }

    /// <summary>Rows whose method learns something.</summary>
    public static TheoryData<string> Learned()
    {
        var data = new TheoryData<string>();
        foreach (var name in Rows.Keys.Where(n => Options(n).Method != "zeroshot")) data.Add(name);
        return data;
    }
}
