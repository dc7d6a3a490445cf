using MaPLe.Prompting.PromptSRC;
using MaPLe.Tests.TestSupport;
using static TorchSharp.torch;

namespace MaPLe.Tests.Prompting;

/// <summary>
/// PromptSRC's Gaussian prompt aggregation against every <c>gpa/</c> folder: the epoch weights (1e-6) and the aggregate
/// of the recorded end-of-epoch states (1e-4). The full 6-epoch run through the trainer is in <c>GpaTrainingParityTests</c>.
/// </summary>
[Trait("Category", "Parity")]
public sealed class GpaParityTests
{
    public static TheoryData<string> Runs()
    {
        var data = new TheoryData<string>();
        foreach (var row in Fixtures.FoldersWithCase("gpa"))
            data.Add(row);
        return data.OrPlaceholder("gpa/");
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public void EpochWeightsMatchReference(string row)
    {
        if (FixtureTheory.IsPlaceholder(row)) return;
        using var run = FixtureCase.OpenFolder(row, Fixtures.FolderOf(row));
        int epochs = run.Int("max_epoch");
        var weights = GaussianPromptAggregation.EpochWeights(epochs, run.Double("gpa_mean"), run.Double("gpa_std"));
        var exact = run.Root.GetProperty("gpa_weights").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        Assert.Equal(exact.Length, weights.Length);
        for (int e = 0; e < epochs; e++)
            Assert.True(Math.Abs(weights[e] - exact[e]) <= 1e-12, $"{row} epoch {e + 1}: weight {weights[e]:R} vs reference {exact[e]:R}");
        using var expected = new TensorSet(run.Load("expected.safetensors"));
        TensorAssert.Close(tensor(weights).to(ScalarType.Float32), expected["weights"], 1e-6, $"{row} weights");

        if (run.Root.TryGetProperty("reference_weights_max_epoch20_mean15_std1", out var defaults))
        {
            var reference = defaults.EnumerateArray().Select(e => e.GetDouble()).ToArray();
            var ours = GaussianPromptAggregation.EpochWeights(reference.Length, new PromptSrcOptions().GpaMean, new PromptSrcOptions().GpaStd);
            for (int e = 0; e < reference.Length; e++)
                Assert.True(Math.Abs(ours[e] - reference[e]) <= 1e-12, $"default config epoch {e + 1}: {ours[e]:R} vs {reference[e]:R}");
        }
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public void AggregateOfTheRecordedStatesMatchesReference(string row)
    {
        if (FixtureTheory.IsPlaceholder(row)) return;
        using var run = FixtureCase.OpenFolder(row, Fixtures.FolderOf(row));
        int epochs = run.Int("max_epoch");
        using var states = new TensorSet(run.Load("states.safetensors"));
        using var expected = new TensorSet(run.Load("expected.safetensors"));
        using var gpa = new GaussianPromptAggregation(run.Double("gpa_mean"), run.Double("gpa_std"));
        for (int e = 0; e < epochs; e++)
        {
            using var scope = NewDisposeScope();
            gpa.Add(states.Tensors.ToDictionary(kv => kv.Key, kv => kv.Value[e]), e + 1, epochs);
        }
        Assert.Equal(states.Tensors.Keys.Order(), gpa.Sum.Keys.Order());
        foreach (var (name, sum) in gpa.Sum)
            TensorAssert.Close(sum, expected[name], 1e-4, $"{row} aggregate {name}");
    }

    [Fact]
    public void EpochsMustArriveInOrderAndAWeightlessGaussianIsRejected()
    {
        using var gpa = new GaussianPromptAggregation(2, 1);
        using var p = ones(2);
        var state = new Dictionary<string, Tensor> { ["p"] = p };
        Assert.Throws<InvalidOperationException>(() => gpa.Add(state, 2, 3));
        gpa.Add(state, 1, 3);
        Assert.Throws<InvalidOperationException>(() => gpa.Add(state, 1, 3));
        Assert.Throws<ArgumentException>(() => GaussianPromptAggregation.EpochWeights(3, 1e6, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new GaussianPromptAggregation(1, 0));
    }
}
