using static TorchSharp.torch;

namespace MaPLe.Prompting.PromptSRC;

/// <summary>
/// PromptSRC's Gaussian-weighted prompt aggregation (GPA, upstream <c>promptsrc.py</c> :265-270, :320-360): at the end of
/// epoch e of N the prompts θ_e, weighted by w_e = g(e) / Σ_{a=1..N} g(a) with g the N(mean, std²) density, are added to a
/// running sum; after the last epoch the model holds Σ_e w_e·θ_e. The running sum is part of a training checkpoint, so a
/// resumed run ends with the same aggregate.
/// </summary>
public sealed class GaussianPromptAggregation : IDisposable
{
    private readonly Dictionary<string, Tensor> _sum = new(StringComparer.Ordinal);

    /// <summary>An empty aggregate for a Gaussian of <paramref name="mean"/> and <paramref name="std"/> over the epochs.</summary>
    public GaussianPromptAggregation(double mean, double std)
    {
        if (!double.IsFinite(mean)) throw new ArgumentOutOfRangeException(nameof(mean), mean, "GPA_MEAN must be finite.");
        if (!(std > 0) || !double.IsFinite(std)) throw new ArgumentOutOfRangeException(nameof(std), std, "GPA_STD must be finite and > 0.");
        Mean = mean;
        Std = std;
    }

    /// <summary>GPA_MEAN.</summary>
    public double Mean { get; }

    /// <summary>GPA_STD.</summary>
    public double Std { get; }

    /// <summary>Epochs added so far.</summary>
    public int EpochsAdded { get; private set; }

    /// <summary>The running sum Σ w_e·θ_e by parameter name (empty before the first epoch).</summary>
    public IReadOnlyDictionary<string, Tensor> Sum => _sum;

    /// <summary>The normalized weights w_1..w_N of a run of <paramref name="epochs"/> epochs (float64, as upstream's Python floats).</summary>
    public static double[] EpochWeights(int epochs, double mean, double std)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(epochs, 1);
        var g = Enumerable.Range(1, epochs)
            .Select(x => Math.Exp(-((x - mean) * (x - mean)) / (2 * std * std)) / (std * Math.Sqrt(2 * Math.PI)))
            .ToArray();
        double total = g.Sum();
        if (!(total > 0))
            throw new ArgumentException($"GPA's Gaussian (mean {mean}, std {std}) gives no weight to any of the epochs 1..{epochs}: move GpaMean into the run or widen GpaStd.");
        return g.Select(v => v / total).ToArray();
    }

    /// <summary>Adds the prompts at the end of epoch <paramref name="epoch"/> (1-based) of <paramref name="epochs"/>.</summary>
    /// <exception cref="InvalidOperationException">Epochs out of order, or the parameters changed between epochs.</exception>
    public void Add(IReadOnlyDictionary<string, Tensor> state, int epoch, int epochs)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (epoch != EpochsAdded + 1)
            throw new InvalidOperationException($"GPA expects epoch {EpochsAdded + 1} next, got epoch {epoch}: epochs must be aggregated in order, once each.");
        if (EpochsAdded > 0 && !state.Keys.Order(StringComparer.Ordinal).SequenceEqual(_sum.Keys.Order(StringComparer.Ordinal)))
            throw new InvalidOperationException("GPA: the prompt parameters changed between epochs.");
        double w = EpochWeights(epochs, Mean, Std)[epoch - 1];
        using var _ = no_grad();
        foreach (var (name, p) in state)
        {
            using var scope = NewDisposeScope();
            var weighted = p.detach().mul(w);
            if (_sum.TryGetValue(name, out var sum))
                sum.add_(weighted);
            else
                _sum[name] = weighted.clone().MoveToOuterDisposeScope().DetachFromDisposeScope();
        }
        EpochsAdded = epoch;
    }

    /// <summary>Restores a running sum saved by a checkpoint (<paramref name="sum"/> is copied).</summary>
    public void Restore(IReadOnlyDictionary<string, Tensor> sum, int epochsAdded)
    {
        ArgumentNullException.ThrowIfNull(sum);
        ArgumentOutOfRangeException.ThrowIfNegative(epochsAdded);
        if ((epochsAdded == 0) != (sum.Count == 0))
            throw new ArgumentException($"A GPA state of {epochsAdded} epochs must hold {(epochsAdded == 0 ? "no" : "a")} running sum.", nameof(sum));
        Clear();
        foreach (var (name, t) in sum)
            _sum[name] = t.detach().clone().DetachFromDisposeScope();
        EpochsAdded = epochsAdded;
    }

    /// <summary>Forgets the running sum (a new run starts).</summary>
    public void Clear()
    {
        foreach (var t in _sum.Values) t.Dispose();
        _sum.Clear();
        EpochsAdded = 0;
    }

    /// <inheritdoc />
    public void Dispose() => Clear();
}
