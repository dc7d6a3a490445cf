using MaPLe.Clip;
using MaPLe.Prompting.ProGrad;
using MaPLe.Tests.TestSupport;
using static TorchSharp.torch;

namespace MaPLe.Tests.Prompting;

/// <summary>
/// ProGrad cases (those recording <c>grad_ce.*</c>/<c>grad_kl.*</c>): the raw per-term gradients (1e-3 relative L2), the
/// projection applied to the reference's own raw gradients reproduces its final gradient, and the branch taken and the
/// cosine agree with <c>grad_projected</c>/<c>grad_cos</c> of case.json.
/// </summary>
[Trait("Category", "Parity")]
public sealed class ProGradProjectionTests
{
    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var name in FixtureCase.Named().Where(RecordsRawGradients))
            data.Add(name);
        return data.OrPlaceholder("case with grad_ce.* and grad_kl.*");
    }

    private static bool RecordsRawGradients(string name)
    {
        using var c = FixtureCase.Open(name);
        return c.Root.TryGetProperty("grad_projected", out _);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void RawGradientsMatchAndTheProjectionTakesTheReferenceBranch(string caseName)
    {
        if (FixtureTheory.IsPlaceholder(caseName)) return;
        using var scope = NewDisposeScope();
        using var fixture = FixtureCase.Open(caseName);
        using var clip = ClipBackbone.Load(Fixtures.TinyOpenAiWeights);
        using var learner = CaseLearners.Create(fixture, clip);
        var prograd = Assert.IsType<ProGradPromptLearner>(learner);
        double lambda = fixture.Double("lambda");
        var inputs = fixture.Inputs();
        var expected = fixture.Expected();
        var state = learner.StateDict();

        learner.SetTraining(true);
        var loss = prograd.ComputeTrainingLoss(inputs["images"], inputs["labels"]);
        var raw = new Dictionary<string, Dictionary<string, Tensor>> { ["ce"] = [], ["kl"] = [] };
        foreach (var term in new[] { "kl", "ce" })
        {
            loss.Components[term].backward(retain_graph: true);
            foreach (var (name, p) in state)
            {
                raw[term][name] = p.grad!.clone();
                p.grad = null;
            }
        }

        foreach (var (name, _) in state)
        {
            var refCe = expected[$"grad_ce.{name}"];
            var refKl = expected[$"grad_kl.{name}"];
            TensorAssert.RelativeL2(raw["ce"][name], refCe, 1e-3, $"{caseName} grad_ce.{name}");
            TensorAssert.RelativeL2(raw["kl"][name], refKl, 1e-3, $"{caseName} grad_kl.{name}");

            bool projected = fixture.Root.GetProperty("grad_projected").GetProperty(name).GetBoolean();
            double refCos = fixture.Root.GetProperty("grad_cos").GetProperty(name).GetDouble();
            var (fromReference, cosReference) = GradientProjection.Project(refCe, refKl, lambda);
            Assert.Equal(projected, Value(cosReference) < 0);
            TensorAssert.RelativeL2(fromReference, expected[$"grad.{name}"], 1e-5, $"{caseName} projection of the reference's raw gradients");

            var (ours, cosTensor) = GradientProjection.Project(raw["ce"][name], raw["kl"][name], lambda);
            double cos = Value(cosTensor);
            Assert.Equal(projected, cos < 0);
            Assert.True(Math.Abs(cos - refCos) <= 1e-4, $"{caseName} grad_cos {cos:F6} vs reference {refCos:F6}");
            TensorAssert.RelativeL2(ours, expected[$"grad.{name}"], 1e-3, $"{caseName} grad.{name}");
        }

        // The learner's own hook (what the trainer calls) takes the same branches.
        foreach (var p in state.Values) p.grad = null;
        learner.Backward(prograd.ComputeTrainingLoss(inputs["images"], inputs["labels"]));
        foreach (var (name, cos) in prograd.LastGradientCosines)
            Assert.True(Math.Abs(cos - fixture.Root.GetProperty("grad_cos").GetProperty(name).GetDouble()) <= 1e-4, $"{caseName} hook cosine of {name}");
    }

    private static double Value(Tensor scalar) => scalar.to(ScalarType.Float64).item<double>();

    [Fact]
    public void NonConflictingGradientsPassUnchangedAndConflictingOnesLoseTheirConflict()
    {
        using var scope = NewDisposeScope();
        var ce = tensor(new float[] { 1, 2, 0, -1 }).reshape(2, 2);
        var kl = tensor(new float[] { -1, -1, 0.5f, 0 }).reshape(2, 2);
        var (g, cos) = GradientProjection.Project(ce, kl, 1.0);
        Assert.True(Value(cos) < 0);
        // λ = 1: nothing of g points against g_kl any more.
        Assert.True(Math.Abs(g.flatten().dot(kl.flatten()).item<float>()) < 1e-5);
        var (same, cosSame) = GradientProjection.Project(ce, -kl, 1.0);
        Assert.True(Value(cosSame) > 0);
        TensorAssert.Close(same, ce, 0, "aligned gradients are left alone");
        var (half, _) = GradientProjection.Project(ce, kl, 0.5);
        TensorAssert.Close(half, (ce + g) / 2, 1e-6, "λ scales the removed component");
    }
}
