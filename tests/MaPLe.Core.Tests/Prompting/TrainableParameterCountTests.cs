using MaPLe.Clip;
using MaPLe.Prompting;
using MaPLe.Prompting.CoCoOp;
using MaPLe.Prompting.CoOp;
using MaPLe.Prompting.DeepLanguage;
using MaPLe.Prompting.DeepVision;
using MaPLe.Prompting.IndependentVL;
using MaPLe.Prompting.KgCoOp;
using MaPLe.Prompting.MaPLe;
using MaPLe.Prompting.ProGrad;
using MaPLe.Prompting.PromptSRC;
using MaPLe.Prompting.ZeroShot;
using MaPLe.Tests.TestSupport;

namespace MaPLe.Tests.Prompting;

/// <summary>A randomly initialised CLIP with ViT-B/16 shapes, built once for the class (a few seconds).</summary>
public sealed class VitB16Fixture : IDisposable
{
    /// <summary>Builds the backbone.</summary>
    public VitB16Fixture() => Clip = ClipBackbone.CreateRandom(ClipConfig.VitB16, seed: 1);

    /// <summary>The backbone.</summary>
    public ClipBackbone Clip { get; }

    /// <inheritdoc />
    public void Dispose() => Clip.Dispose();
}

/// <summary>
/// Each method's default options are the paper configuration: on ViT-B/16 shapes their learnable parameters add up to the
/// counts of the reference (§2.6, §2.9, §4.4; MaPLe's Table 6).
/// </summary>
public sealed class TrainableParameterCountTests(VitB16Fixture fixture) : IClassFixture<VitB16Fixture>
{
    [Theory]
    [InlineData("maple", 3_555_072)]            // ctx 2×512 + proj 512×768+768 + 8 × (2×512 + 512×768+768)
    [InlineData("maple-shared-coupling", 403_200)] // MaPLe†: ctx 1,024 + one proj 393,984 + 8 deep text prompts 8,192
    [InlineData("ivlp", 30_720)]                // text 12 × 2×512 + vision 12 × 2×768
    [InlineData("language_deep", 24_576)]       // 12 × 4×512
    [InlineData("vpt", 73_728)]                 // 12 × 8×768
    [InlineData("coop", 2_048)]                 // 4×512
    [InlineData("cocoop", 35_360)]              // 4×512 + (512×32+32) + (32×512+512)
    [InlineData("promptsrc", 46_080)]           // text 9 × 4×512 + vision 9 × 4×768
    [InlineData("kgcoop", 2_048)]               // 4×512 ("a photo of a")
    [InlineData("prograd", 8_192)]              // 16×512
    [InlineData("zeroshot", 0)]
    public void DefaultsGiveThePaperParameterCountsOnViTB16(string method, long expected)
    {
        PromptMethodOptions options = method switch
        {
            "maple" => new MaPLeOptions(),
            "maple-shared-coupling" => new MaPLeOptions { SharedCoupling = true },
            "ivlp" => new IndependentVLOptions(),
            "language_deep" => new DeepLanguageOptions(),
            "vpt" => new DeepVisionOptions(),
            "coop" => new CoOpOptions(),
            "cocoop" => new CoCoOpOptions(),
            "promptsrc" => new PromptSrcOptions(),
            "kgcoop" => new KgCoOpOptions(),
            "prograd" => new ProGradOptions(),
            _ => new ZeroShotOptions(),
        };
        using var learner = options.CreateLearner(fixture.Clip, CaseLearners.Tokenizer, ["dog", "golden retriever"]);
        Assert.Equal(expected, learner.TrainableParameterCount);
    }
}
