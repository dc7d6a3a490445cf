using System.Globalization;

namespace MaPLe.Training;

/// <summary>The learning rate of every optimizer step.</summary>
public interface ILearningRateSchedule
{
    /// <summary>The rate of step <paramref name="step"/> (0-based) of epoch <paramref name="epoch"/> (0-based).</summary>
    double RateAt(int epoch, int step, int stepsPerEpoch);

    /// <summary>A stable description; a resumed run must use a schedule with the same description.</summary>
    string Description { get; }
}

/// <summary>
/// Dassl's <c>ConstantWarmupScheduler(CosineAnnealingLR(T_max = epochs, eta_min = 0))</c> (reference §3.2): epochs
/// before <see cref="WarmupEpochs"/> run at <see cref="WarmupRate"/>; afterwards
/// <c>lr·(1 + cos(π t / epochs)) / 2</c> with <c>t = e − W</c> (recount, Dassl's default) or <c>t = e</c>. Per-step
/// granularity uses fractional epochs <c>t + step / stepsPerEpoch</c>.
/// </summary>
public sealed class CosineWarmupSchedule : ILearningRateSchedule
{
    /// <summary>Creates the schedule.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    public CosineWarmupSchedule(double baseRate, int epochs, int warmupEpochs = 1, double warmupRate = 1e-5,
        bool warmupRecount = true, ScheduleGranularity granularity = ScheduleGranularity.PerEpoch)
    {
        if (!(baseRate > 0) || !double.IsFinite(baseRate)) throw new ArgumentOutOfRangeException(nameof(baseRate), baseRate, "Must be positive and finite.");
        ArgumentOutOfRangeException.ThrowIfLessThan(epochs, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(warmupEpochs);
        if (!(warmupRate >= 0) || !double.IsFinite(warmupRate)) throw new ArgumentOutOfRangeException(nameof(warmupRate), warmupRate, "Must be ≥ 0 and finite.");
        BaseRate = baseRate;
        Epochs = epochs;
        WarmupEpochs = warmupEpochs;
        WarmupRate = warmupRate;
        WarmupRecount = warmupRecount;
        Granularity = granularity;
    }

    /// <summary>The schedule described by <paramref name="options"/>.</summary>
    public static CosineWarmupSchedule From(TrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new(options.LearningRate, options.Epochs, options.WarmupEpochs, options.WarmupLearningRate, options.WarmupRecount, options.ScheduleStep);
    }

    /// <summary>Peak rate.</summary>
    public double BaseRate { get; }

    /// <summary>T_max of the cosine (the run's epochs).</summary>
    public int Epochs { get; }

    /// <summary>Warm-up epochs.</summary>
    public int WarmupEpochs { get; }

    /// <summary>Warm-up rate.</summary>
    public double WarmupRate { get; }

    /// <summary>Whether the cosine restarts after warm-up.</summary>
    public bool WarmupRecount { get; }

    /// <summary>Per epoch or per step.</summary>
    public ScheduleGranularity Granularity { get; }

    /// <inheritdoc />
    public double RateAt(int epoch, int step, int stepsPerEpoch)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(epoch);
        ArgumentOutOfRangeException.ThrowIfNegative(step);
        ArgumentOutOfRangeException.ThrowIfLessThan(stepsPerEpoch, 1);
        if (epoch < WarmupEpochs)
            return WarmupRate;
        double t = WarmupRecount ? epoch - WarmupEpochs : epoch;
        if (Granularity == ScheduleGranularity.PerStep)
            t += (double)step / stepsPerEpoch;
        return BaseRate * (1 + Math.Cos(Math.PI * t / Epochs)) / 2;
    }

    /// <summary>The rate of each epoch under per-epoch granularity (e.g. 1e-5, 0.0035, 0.0031658, 0.0022908, 0.0012092).</summary>
    public IReadOnlyList<double> EpochRates()
    {
        var per = new CosineWarmupSchedule(BaseRate, Epochs, WarmupEpochs, WarmupRate, WarmupRecount, ScheduleGranularity.PerEpoch);
        return Enumerable.Range(0, Epochs).Select(e => per.RateAt(e, 0, 1)).ToList();
    }

    /// <inheritdoc />
    public string Description => string.Create(CultureInfo.InvariantCulture,
        $"cosine(lr={BaseRate:R}, epochs={Epochs}, warmup={WarmupEpochs}@{WarmupRate:R}, recount={WarmupRecount}, {Granularity})");
}

/// <summary>
/// Explicit rates, one per optimizer step of the whole run (step <c>epoch·stepsPerEpoch + step</c>), e.g. to replay a
/// reference trajectory.
/// </summary>
public sealed class ExplicitLearningRateSchedule : ILearningRateSchedule
{
    private readonly double[] _rates;

    /// <summary>Creates the schedule from one rate per step.</summary>
    /// <exception cref="ArgumentException">Empty, or a rate is negative or not finite.</exception>
    public ExplicitLearningRateSchedule(IEnumerable<double> ratesPerStep)
    {
        ArgumentNullException.ThrowIfNull(ratesPerStep);
        _rates = ratesPerStep.ToArray();
        if (_rates.Length == 0)
            throw new ArgumentException("At least one rate is needed.", nameof(ratesPerStep));
        int bad = Array.FindIndex(_rates, r => !(r >= 0) || !double.IsFinite(r));
        if (bad >= 0)
            throw new ArgumentException($"Rate {bad} is {_rates[bad]}; rates must be finite and ≥ 0.", nameof(ratesPerStep));
    }

    /// <summary>The rates.</summary>
    public IReadOnlyList<double> Rates => _rates;

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">The run has more steps than rates.</exception>
    public double RateAt(int epoch, int step, int stepsPerEpoch)
    {
        long global = (long)epoch * stepsPerEpoch + step;
        if (global >= _rates.Length)
            throw new InvalidOperationException($"The explicit schedule has {_rates.Length} rates but step {global + 1} was reached; give one rate per step.");
        return _rates[global];
    }

    /// <inheritdoc />
    public string Description => "explicit(" + string.Join(",", _rates.Select(r => r.ToString("R", CultureInfo.InvariantCulture))) + ")";
}
