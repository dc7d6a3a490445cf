using MaPLe.Clip;
using MaPLe.Prompting;
using MaPLe.Prompting.Components;
using MaPLe.Tests.TestSupport;
using static TorchSharp.torch;

namespace MaPLe.Tests.Prompting;

/// <summary>
/// Every case under <c>cases/</c> with learned prompts, in every fixture set under test, against the official code:
/// logits (5e-4), normalized features and the frozen teacher's (1e-5), the training loss and each of its recorded
/// components (1e-4) and the gradient the optimizer receives for every trainable parameter (1e-3 relative L2).
/// </summary>
[Trait("Category", "Parity")]
public sealed class PromptMethodParityTests
{
    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var name in FixtureCase.Named().Where(HasPrompts))
            data.Add(name);
        return data.OrPlaceholder("case with prompts.safetensors");
    }

    private static bool HasPrompts(string name)
    {
        using var c = FixtureCase.Open(name);
        return File.Exists(c.PromptsPath);
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

        learner.SetTraining(false);
        PromptOutput output;
        using (no_grad())
            output = learner.Forward(inputs["images"]);
        TensorAssert.Close(output.Logits, expected["logits"], 5e-4, $"{caseName} logits");
        TensorAssert.Close(output.ImageFeatures, expected["image_features"], 1e-5, $"{caseName} image features");
        TensorAssert.Close(output.TextFeatures, expected["text_features"], 1e-5, $"{caseName} text features");
        if (learner is IFrozenTeacher teacher)
            AssertTeacherMatches(caseName, teacher.Teacher, inputs["images"], expected);

        learner.SetTraining(true);
        var loss = learner.ComputeTrainingLoss(inputs["images"], inputs["labels"]);
        TensorAssert.Close(loss.Total, expected["loss"], 1e-4, $"{caseName} loss");
        foreach (var key in expected.Keys.Where(k => k.StartsWith("loss.", StringComparison.Ordinal)))
        {
            string component = key["loss.".Length..];
            Assert.True(loss.Components.ContainsKey(component), $"{caseName}: the {learner.Method} loss has no '{component}' component (has: {string.Join(", ", loss.Components.Keys)}).");
            TensorAssert.Close(loss.Components[component], expected[key], 1e-4, $"{caseName} {key}");
        }
        learner.Backward(loss);

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

    private static void AssertTeacherMatches(string caseName, FrozenClipTeacher teacher, Tensor images, IReadOnlyDictionary<string, Tensor> expected)
    {
        if (expected.TryGetValue("zs_text_features", out var text))
            TensorAssert.Close(teacher.TextFeatures, text, 1e-5, $"{caseName} zs_text_features");
        if (!expected.ContainsKey("zs_image_features") && !expected.ContainsKey("zs_logits")) return;
        var frozen = teacher.Forward(images);
        Assert.False(frozen.Logits.requires_grad || frozen.ImageFeatures.requires_grad || frozen.TextFeatures.requires_grad, $"{caseName}: the frozen teacher carries a gradient");
        if (expected.TryGetValue("zs_image_features", out var image))
            TensorAssert.Close(frozen.ImageFeatures, image, 1e-5, $"{caseName} zs_image_features");
        if (expected.TryGetValue("zs_logits", out var logits))
            TensorAssert.Close(frozen.Logits, logits, 5e-4, $"{caseName} zs_logits");
    }
}
