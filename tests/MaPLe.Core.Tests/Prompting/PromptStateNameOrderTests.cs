using MaPLe.Clip;
using MaPLe.Prompting;
using MaPLe.Tests.TestSupport;

namespace MaPLe.Tests.Prompting;

/// <summary>
/// Every learner lists its parameters under the official names and in the official order (the order of the fixture's
/// prompts.safetensors, i.e. upstream's <c>named_parameters()</c>), so exported files line up with upstream's.
/// </summary>
[Trait("Category", "Parity")]
public sealed class PromptStateNameOrderTests
{
    [Theory]
    [MemberData(nameof(PromptMethodParityTests.Cases), MemberType = typeof(PromptMethodParityTests))]
    public void StateDictNamesFollowThePromptFileOrder(string caseName)
    {
        if (FixtureTheory.IsPlaceholder(caseName)) return;
        using var fixture = FixtureCase.Open(caseName);
        using var clip = ClipBackbone.Load(Fixtures.TinyOpenAiWeights);
        using var learner = CaseLearners.Options(fixture).CreateLearner(clip, CaseLearners.Tokenizer, fixture.ClassNames);
        var fileOrder = PromptStateFile.Describe(fixture.PromptsPath).Tensors.Select(t => t.Name);
        Assert.Equal(fileOrder, learner.StateDict().Keys);
    }
}
