using MaPLe.Training;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MaPLe.Tests.Training;

/// <summary>SGD against hand computation of PyTorch's update rule (reference: torch.optim.SGD single-tensor path).</summary>
public sealed class SgdOptimizerTests
{
    // Gradients of loss = Σ c·p are c: three steps with known gradients.
    private static readonly double[][] Coefficients = [[0.5, 1.0], [-1.0, 2.0], [0.25, -0.5]];

    [Fact]
    public void FirstStepUsesTheDecayedGradientAsMomentumBuffer()
    {
        using var p = new Parameter(tensor(new float[] { 1f, -2f }));
        using var sgd = new SgdOptimizer([new("p", p)], momentum: 0.9, weightDecay: 5e-4);
        Backward(p, Coefficients[0]);
        sgd.Step(0.1);
        // p − lr·(g + wd·p): 1 − 0.1·(0.5 + 0.0005) and −2 − 0.1·(1 − 0.001).
        AssertValues([0.94995, -2.0999], p);
        AssertValues([0.5005, 0.999], sgd.MomentumBuffers()["p"]);
    }

    [Theory]
    [InlineData(0.9, 5e-4, 0.0, false)]
    [InlineData(0.9, 5e-4, 0.1, false)]
    [InlineData(0.9, 0.0, 0.0, true)]
    [InlineData(0.0, 1e-2, 0.0, false)]
    public void ThreeStepsMatchTheUpdateRuleComputedByHand(double momentum, double weightDecay, double dampening, bool nesterov)
    {
        double lr = 0.1;
        using var p = new Parameter(tensor(new float[] { 1f, -2f }));
        using var sgd = new SgdOptimizer([new("p", p)], momentum, weightDecay, dampening, nesterov);
        double[] expected = [1, -2];
        double[]? buffer = null;
        foreach (var c in Coefficients)
        {
            Backward(p, c);
            sgd.Step(lr);
            var d = c.Select((g, i) => g + weightDecay * expected[i]).ToArray();
            if (momentum != 0)
            {
                buffer = buffer is null ? d.ToArray() : buffer.Select((b, i) => momentum * b + (1 - dampening) * d[i]).ToArray();
                d = nesterov ? d.Select((x, i) => x + momentum * buffer[i]).ToArray() : buffer;
            }
            expected = expected.Select((x, i) => x - lr * d[i]).ToArray();
            AssertValues(expected, p);
            sgd.ZeroGrad();
        }
        Assert.Equal(momentum != 0, sgd.MomentumBuffers().ContainsKey("p"));
    }

    [Fact]
    public void ParametersWithoutGradientAreLeftAlone()
    {
        using var a = new Parameter(tensor(new float[] { 1f }));
        using var b = new Parameter(tensor(new float[] { 3f }));
        using var sgd = new SgdOptimizer([new("a", a), new("b", b)]);
        Backward(a, [2.0]);
        sgd.Step(0.5);
        AssertValues([3.0], b);
        Assert.Equal(["a"], sgd.MomentumBuffers().Keys);
    }

    [Fact]
    public void ZeroGradClearsGradients()
    {
        using var p = new Parameter(tensor(new float[] { 1f, 2f }));
        using var sgd = new SgdOptimizer([new("p", p)]);
        Backward(p, [1, 1]);
        sgd.ZeroGrad();
        using var g = p.grad;
        Assert.Null(g);
    }

    [Fact]
    public void MomentumBuffersRoundTripAndAreValidated()
    {
        using var p = new Parameter(tensor(new float[] { 1f, -2f }));
        using var sgd = new SgdOptimizer([new("p", p)]);
        Backward(p, Coefficients[0]);
        sgd.Step(0.1);
        var saved = sgd.MomentumBuffers().ToDictionary(kv => kv.Key, kv => kv.Value.clone());

        using var q = new Parameter(p.detach().clone());
        using var restored = new SgdOptimizer([new("p", q)]);
        restored.LoadMomentumBuffers(saved);
        Backward(q, Coefficients[1]);
        restored.Step(0.1);
        sgd.ZeroGrad();
        Backward(p, Coefficients[1]);
        sgd.Step(0.1);
        Assert.Equal(p.data<float>().ToArray(), q.data<float>().ToArray());

        using var wrongShape = zeros(3);
        Assert.Contains("wrong shape [p]", Assert.Throws<ArgumentException>(() => restored.LoadMomentumBuffers(new Dictionary<string, Tensor> { ["p"] = wrongShape })).Message);
        Assert.Contains("unknown [x]", Assert.Throws<ArgumentException>(() => restored.LoadMomentumBuffers(new Dictionary<string, Tensor> { ["x"] = saved["p"] })).Message);
        foreach (var t in saved.Values) t.Dispose();
    }

    [Fact]
    public void SnapshotRestoresParametersAndMomentum()
    {
        using var p = new Parameter(tensor(new float[] { 1f, -2f }));
        using var sgd = new SgdOptimizer([new("p", p)]);
        Assert.False(sgd.RestoreSnapshot());
        Backward(p, Coefficients[0]);
        sgd.CaptureSnapshot();          // before the first step: no buffer yet
        sgd.Step(0.1);
        sgd.RestoreSnapshot();
        AssertValues([1, -2], p);
        Assert.Empty(sgd.MomentumBuffers());

        sgd.Step(0.1);                  // same gradient again: identical to the first step
        AssertValues([0.94995, -2.0999], p);
        sgd.CaptureSnapshot();
        sgd.ZeroGrad();
        Backward(p, Coefficients[1]);
        sgd.Step(1e30);
        sgd.RestoreSnapshot();
        AssertValues([0.94995, -2.0999], p);
        AssertValues([0.5005, 0.999], sgd.MomentumBuffers()["p"]);
    }

    [Fact]
    public void InvalidSettingsAreRejected()
    {
        using var p = new Parameter(tensor(new float[] { 1f }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SgdOptimizer([new("p", p)], momentum: -1));
        Assert.Throws<ArgumentException>(() => new SgdOptimizer([new("p", p)], momentum: 0, nesterov: true));
        Assert.Throws<ArgumentException>(() => new SgdOptimizer([new("p", p), new("p", p)]));
        using var sgd = new SgdOptimizer([new("p", p)]);
        Assert.Throws<ArgumentOutOfRangeException>(() => sgd.Step(double.NaN));
    }

    private static void Backward(Tensor p, double[] c)
    {
        using var scope = NewDisposeScope();
        (tensor(c.Select(x => (float)x).ToArray()) * p).sum().backward();
    }

    private static void AssertValues(double[] expected, Tensor actual)
    {
        var values = actual.detach().cpu().data<float>().ToArray();
        Assert.Equal(expected.Length, values.Length);
        for (int i = 0; i < values.Length; i++)
            Assert.True(Math.Abs(values[i] - expected[i]) <= 2e-6, $"[{i}] {values[i]:G9} vs {expected[i]:G9}");
    }
}
