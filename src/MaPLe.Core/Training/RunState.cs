using MaPLe.Prompting;

namespace MaPLe.Training;

/// <summary>Where a run stands: the next step to run, the unfinished epoch's running sums and the history.</summary>
internal sealed class RunState
{
    public int NextEpoch { get; private set; }
    public int NextStep { get; private set; }
    public long GlobalStep { get; private set; }
    public TrainingHistory History { get; private set; } = new();
    private double _lossSum;
    private long _correct;
    private int _images;
    private int _steps;
    private Dictionary<string, double> _componentSums = new(StringComparer.Ordinal);

    public static RunState From(TrainingCheckpointInfo info) => new()
    {
        NextEpoch = info.NextEpoch,
        NextStep = info.NextStep,
        GlobalStep = info.GlobalStep,
        History = new TrainingHistory(info.Steps, info.EpochHistory),
        _lossSum = info.EpochLossSum,
        _correct = info.EpochCorrect,
        _images = info.EpochImages,
        _steps = info.EpochSteps,
        _componentSums = new Dictionary<string, double>(info.EpochComponentSums, StringComparer.Ordinal),
    };

    /// <summary>Records a finished step (<paramref name="step"/> is 1-based: steps done in the epoch).</summary>
    public void Record(int epoch, int step, double loss, long correct, int images, double lr, IReadOnlyDictionary<string, double> components)
    {
        foreach (var (name, value) in components)
            _componentSums[name] = _componentSums.GetValueOrDefault(name) + value;
        NextEpoch = epoch;
        NextStep = step;
        GlobalStep++;
        _lossSum += loss;
        _correct += correct;
        _images += images;
        _steps++;
        History.Add(new StepRecord(epoch + 1, step, GlobalStep, loss, 100.0 * correct / images, lr, images) { Components = components });
    }

    /// <summary>Closes epoch <paramref name="epoch"/> (0-based) and moves to the next one.</summary>
    public EpochRecord FinishEpoch(int epoch, double firstRate, double seconds)
    {
        var record = new EpochRecord(epoch + 1, _steps > 0 ? _lossSum / _steps : double.NaN,
            _images > 0 ? 100.0 * _correct / _images : double.NaN, firstRate, _steps, _images, seconds)
        {
            MeanComponents = _componentSums.ToDictionary(kv => kv.Key, kv => kv.Value / _steps, StringComparer.Ordinal),
        };
        History.Add(record);
        NextEpoch = epoch + 1;
        NextStep = 0;
        _lossSum = 0;
        _correct = 0;
        _images = 0;
        _steps = 0;
        _componentSums = new Dictionary<string, double>(StringComparer.Ordinal);
        return record;
    }

    public TrainingCheckpointInfo ToInfo(IPromptLearner learner, TrainingOptions options, ILearningRateSchedule schedule, int seed, int stepsPerEpoch) => new()
    {
        Method = learner.Method,
        BackboneFingerprint = learner.Backbone.Fingerprint,
        ClassNames = learner.ClassNames.ToList(),
        NextEpoch = NextEpoch,
        NextStep = NextStep,
        GlobalStep = GlobalStep,
        Epochs = options.Epochs,
        StepsPerEpoch = stepsPerEpoch,
        Schedule = schedule.Description,
        Momentum = options.Momentum,
        WeightDecay = options.WeightDecay,
        Dampening = options.Dampening,
        Nesterov = options.Nesterov,
        Seed = seed,
        EpochLossSum = _lossSum,
        EpochCorrect = _correct,
        EpochImages = _images,
        EpochSteps = _steps,
        EpochComponentSums = new Dictionary<string, double>(_componentSums, StringComparer.Ordinal),
        Steps = History.Steps.ToList(),
        EpochHistory = History.Epochs.ToList(),
    };
}
