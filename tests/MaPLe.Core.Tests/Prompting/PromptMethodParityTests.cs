using MaPLe.Clip;
using MaPLe.Prompting;
using MaPLe.Tests.TestSupport;
using static TorchSharp.torch;

namespace MaPLe.Tests.Prompting;

/// <summary>
/// Every case under <c>cases/</c> with learned prompts, against the official code: logits (5e-4), normalized features
/// (1e-5), loss (1e-4) and the gradient of every trainable parameter (1e-3 relative L2).
/// </summary>
[Trait("Category", "Parity")]
public sealed class PromptMethodParityTests
{
    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var name in FixtureCase.Named().Where(n => File.Exists(Path.Combine(Fixtures.Root, "cases", n, "prompts.safetensors"))))
            data.Add(name);
        return data.OrPlaceholder("case with prompts.safetensors");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void LogitsFeaturesLossAndGradientsMatchReference(string caseName) =>
        AssertMatchesReference(caseName, new ClipBackboneOptions { LinearKernel = LinearKernel.Blas });

    /// <summary>Runs a case on a backbone built with <paramref name="options"/> and checks every tolerance.</summary>
    internal static void AssertMatchesReference(string caseName, ClipBackboneOptions options)
    {
        if (FixtureTheory.IsPlaceholder(caseName)) return;
        using var scope = NewDisposeScope();
        using var fixture = FixtureCase.Open(caseName);
        using var clip = ClipBackbone.Load(Fixtures.TinyOpenAiWeights, options);
        using var learner = CaseLearners.Create(fixture, clip);
        var inputs = fixture.Inputs();
        var expected = fixture.Expected();

        Assert.Equal(fixture.Int("trainable_params"), learner.TrainableParameterCount);
        learner.SetTraining(true);
        var output = learner.Forward(inputs["images"]);
        var loss = nn.functional.cross_entropy(output.Logits, inputs["labels"]);
        loss.backward();

        TensorAssert.Close(output.Logits, expected["logits"], 5e-4, $"{caseName} logits");
        TensorAssert.Close(output.ImageFeatures, expected["image_features"], 1e-5, $"{caseName} image features");
        TensorAssert.Close(output.TextFeatures, expected["text_features"], 1e-5, $"{caseName} text features");
        TensorAssert.Close(loss, expected["loss"], 1e-4, $"{caseName} loss");

        var grads = expected.Keys.Where(k => k.StartsWith("grad.", StringComparison.Ordinal)).ToList();
        var state = learner.StateDict();
        Assert.Equal(grads.Select(g => g["grad.".Length..]).Order(), state.Keys.Order());   // upstream trains exactly these
        foreach (var g in grads)
        {
            var p = state[g["grad.".Length..]];
            Assert.NotNull(p.grad);
            TensorAssert.RelativeL2(p.grad!, expected[g], 1e-3, $"{caseName} {g}");
        }
    }
}
