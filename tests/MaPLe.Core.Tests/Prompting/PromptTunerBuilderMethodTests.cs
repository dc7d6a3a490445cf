using MaPLe.Prompting;
using MaPLe.Prompting.CoCoOp;
using MaPLe.Prompting.CoOp;
using MaPLe.Prompting.DeepLanguage;
using MaPLe.Prompting.DeepVision;
using MaPLe.Prompting.IndependentVL;
using MaPLe.Prompting.ZeroShot;
using MaPLe.Tests.TestSupport;
using MaPLe.Tuning;

namespace MaPLe.Tests.Prompting;

/// <summary>Every <c>UseXxx</c> builds a working tuner; <see cref="PromptTunerBuilder.Build"/> reports all problems at once.</summary>
public sealed class PromptTunerBuilderMethodTests(TinyClipFixture fixture) : IClassFixture<TinyClipFixture>
{
    private static readonly Dictionary<string, Func<PromptTunerBuilder, PromptTunerBuilder>> Uses = new()
    {
        ["maple"] = b => b.UseMaPLe(o => o with { PromptDepth = 3 }),
        ["ivlp"] = b => b.UseIndependentVL(o => o with { TextDepth = 2, VisionDepth = 3 }),
        ["language_deep"] = b => b.UseDeepLanguage(o => o with { PromptDepth = 2 }),
        ["vpt"] = b => b.UseDeepVision(o => o with { PromptDepth = 2 }),
        ["coop"] = b => b.UseCoOp(o => o with { ClassTokenPosition = ClassTokenPosition.Front }),
        ["cocoop"] = b => b.UseCoCoOp(),
        ["zeroshot"] = b => b.UseZeroShot("a photo of a {}.", "art of the {}."),
    };

    public static TheoryData<string> Methods()
    {
        var data = new TheoryData<string>();
        foreach (var m in Uses.Keys) data.Add(m);
        return data;
    }

    private PromptTunerBuilder Builder() =>
        new PromptTunerBuilder().UseBackbone(fixture.Clip).UseTokenizer(CaseLearners.Tokenizer).UseClassNames(TinyClipFixture.Classes);

    [Theory]
    [MemberData(nameof(Methods))]
    public void EachUseBuildsATunerOfThatMethodWithTheConfiguredOptions(string method)
    {
        using var tuner = Uses[method](Builder()).Build();
        Assert.Equal(method, tuner.Method);
        using var images = TinyClipFixture.Images(2);
        using var logits = tuner.Logits(images);
        Assert.Equal([2L, 5L], logits.shape);
        switch (tuner.Learner.Options)
        {
            case IndependentVLOptions o: Assert.Equal((2, 3), (o.TextDepth, o.VisionDepth)); break;
            case DeepLanguageOptions o: Assert.Equal(2, o.PromptDepth); break;
            case DeepVisionOptions o: Assert.Equal(2, o.PromptDepth); break;
            case CoOpOptions o: Assert.Equal(ClassTokenPosition.Front, o.ClassTokenPosition); break;
            case ZeroShotOptions o: Assert.Equal(2, o.Templates.Count); break;
        }
    }

    [Fact]
    public void MissingPiecesAreReportedTogether()
    {
        var e = Assert.Throws<PromptTunerConfigurationException>(() => new PromptTunerBuilder().Build());
        Assert.Equal(4, e.Problems.Count);
        Assert.Contains(e.Problems, p => p.Contains("UseBackbone"));
        Assert.Contains(e.Problems, p => p.Contains("UseTokenizer"));
        Assert.Contains(e.Problems, p => p.Contains("UseIndependentVL"));
        Assert.Contains(e.Problems, p => p.Contains("UseClassNames"));
    }

    [Fact]
    public void DuplicateClassesAndAMissingTokenizerAreReportedTogether()
    {
        var e = Assert.Throws<PromptTunerConfigurationException>(() =>
            new PromptTunerBuilder().UseBackbone(fixture.Clip).UseCoOp().UseClassNames(["dog", "golden_retriever", "golden retriever"]).Build());
        Assert.Equal(2, e.Problems.Count);
        Assert.Contains(e.Problems, p => p.Contains("UseTokenizer"));
        Assert.Contains(e.Problems, p => p.Contains("UseClassNames") && p.Contains("'golden retriever'"));
    }

    [Theory]
    [InlineData("maple", "PromptDepth")]
    [InlineData("ivlp", "TextDepth")]
    [InlineData("ivlp-vision", "VisionDepth")]
    [InlineData("language_deep", "PromptDepth")]
    [InlineData("vpt", "PromptDepth")]
    public void ADepthBeyondTheLayersAndATooLongClassAreReportedTogetherNamingTheOption(string method, string option)
    {
        var builder = method switch
        {
            "maple" => Builder().UseMaPLe(o => o with { PromptDepth = 13 }),
            "ivlp" => Builder().UseIndependentVL(o => o with { TextDepth = 13 }),
            "ivlp-vision" => Builder().UseIndependentVL(o => o with { VisionDepth = 13 }),
            "language_deep" => Builder().UseDeepLanguage(o => o with { PromptDepth = 13 }),
            _ => Builder().UseDeepVision(o => o with { PromptDepth = 13 }),
        };
        string tooLong = string.Join(' ', Enumerable.Repeat("retriever", 80));
        var e = Assert.Throws<PromptTunerConfigurationException>(() => builder.UseClassNames(["dog", tooLong]).Build());
        Assert.Equal(2, e.Problems.Count);
        Assert.Contains(e.Problems, p => p.Contains(option) && p.Contains("13") && p.Contains("12"));
        Assert.Contains(e.Problems, p => p.Contains("UseClassNames") && p.Contains("retriever retriever"));
    }

    [Fact]
    public void EveryTemplateOfAnEnsembleMustFitTheContext()
    {
        string longName = string.Join(' ', Enumerable.Repeat("tabby", 70));   // at least 5 + 70 + 1 + 2 = 78 tokens in "a photo of the small {}."
        var e = Assert.Throws<PromptTunerConfigurationException>(() =>
            Builder().UseZeroShot(o => ZeroShotOptions.EnsembleForDataset("ImageNet")).UseClassNames([longName]).Build());
        Assert.Contains(e.Problems, p => p.Contains("a photo of the small"));
    }
}
