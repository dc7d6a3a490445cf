using System.Globalization;
using System.Text;

namespace MaPLe.Training;

/// <summary>One optimizer step.</summary>
/// <param name="Epoch">Epoch, 1-based.</param>
/// <param name="Step">Step within the epoch, 1-based.</param>
/// <param name="GlobalStep">Step in the run, 1-based.</param>
/// <param name="Loss">Batch loss before the update.</param>
/// <param name="Accuracy">Batch top-1 accuracy, percent.</param>
/// <param name="LearningRate">Rate of the update.</param>
/// <param name="Images">Images in the batch.</param>
public sealed record StepRecord(int Epoch, int Step, long GlobalStep, double Loss, double Accuracy, double LearningRate, int Images)
{
    /// <summary>The named terms of the loss (<see cref="Prompting.TrainingLoss.Components"/>: PromptSRC's <c>kl</c>, ...); empty for plain cross-entropy.</summary>
    public IReadOnlyDictionary<string, double> Components { get; init; } = new Dictionary<string, double>();
}

/// <summary>One finished epoch.</summary>
/// <param name="Epoch">Epoch, 1-based.</param>
/// <param name="MeanLoss">Mean of the step losses.</param>
/// <param name="Accuracy">Training top-1 accuracy over the epoch's images, percent.</param>
/// <param name="LearningRate">Rate of the epoch's first step.</param>
/// <param name="Steps">Steps in the epoch.</param>
/// <param name="Images">Images seen.</param>
/// <param name="Seconds">Wall time (of the part run in this process, when resumed mid-epoch).</param>
public sealed record EpochRecord(int Epoch, double MeanLoss, double Accuracy, double LearningRate, int Steps, int Images, double Seconds)
{
    /// <summary>The mean of each named loss term over the epoch's steps; empty for plain cross-entropy.</summary>
    public IReadOnlyDictionary<string, double> MeanComponents { get; init; } = new Dictionary<string, double>();
}

/// <summary>Per-step loss and rate, per-epoch mean loss and accuracy: what a run did, ready to plot or export.</summary>
public sealed class TrainingHistory
{
    private readonly List<StepRecord> _steps;
    private readonly List<EpochRecord> _epochs;

    /// <summary>An empty history.</summary>
    public TrainingHistory() : this([], []) { }

    /// <summary>A history with the given records (e.g. read back from a checkpoint).</summary>
    public TrainingHistory(IEnumerable<StepRecord> steps, IEnumerable<EpochRecord> epochs)
    {
        _steps = steps?.ToList() ?? throw new ArgumentNullException(nameof(steps));
        _epochs = epochs?.ToList() ?? throw new ArgumentNullException(nameof(epochs));
    }

    /// <summary>Every step in order.</summary>
    public IReadOnlyList<StepRecord> Steps => _steps;

    /// <summary>Every finished epoch in order.</summary>
    public IReadOnlyList<EpochRecord> Epochs => _epochs;

    internal void Add(StepRecord step) => _steps.Add(step);

    internal void Add(EpochRecord epoch) => _epochs.Add(epoch);

    /// <summary>A copy (the trainer keeps appending to its own).</summary>
    public TrainingHistory Clone() => new(_steps, _epochs);

    /// <summary>
    /// Steps as CSV (<c>epoch,step,global_step,loss,accuracy,lr,images</c>, then one <c>loss.&lt;name&gt;</c> column per loss
    /// component when the method has any), invariant culture.
    /// </summary>
    public string StepsToCsv()
    {
        var names = ComponentNames(_steps.Select(s => s.Components));
        var sb = new StringBuilder("epoch,step,global_step,loss,accuracy,lr,images" + Header(names) + "\n");
        foreach (var s in _steps)
            sb.Append(CultureInfo.InvariantCulture, $"{s.Epoch},{s.Step},{s.GlobalStep},{s.Loss:R},{s.Accuracy:R},{s.LearningRate:R},{s.Images}{Values(names, s.Components)}\n");
        return sb.ToString();
    }

    /// <summary>
    /// Epochs as CSV (<c>epoch,mean_loss,accuracy,lr,steps,images,seconds</c>, then one <c>loss.&lt;name&gt;</c> column of
    /// epoch means per loss component when the method has any), invariant culture.
    /// </summary>
    public string EpochsToCsv()
    {
        var names = ComponentNames(_epochs.Select(e => e.MeanComponents));
        var sb = new StringBuilder("epoch,mean_loss,accuracy,lr,steps,images,seconds" + Header(names) + "\n");
        foreach (var e in _epochs)
            sb.Append(CultureInfo.InvariantCulture, $"{e.Epoch},{e.MeanLoss:R},{e.Accuracy:R},{e.LearningRate:R},{e.Steps},{e.Images},{e.Seconds:R}{Values(names, e.MeanComponents)}\n");
        return sb.ToString();
    }

    private static List<string> ComponentNames(IEnumerable<IReadOnlyDictionary<string, double>> rows) =>
        rows.SelectMany(r => r.Keys).Distinct(StringComparer.Ordinal).ToList();

    private static string Header(List<string> names) => string.Concat(names.Select(n => ",loss." + n));

    private static string Values(List<string> names, IReadOnlyDictionary<string, double> row) =>
        string.Concat(names.Select(n => row.TryGetValue(n, out var v) ? string.Create(CultureInfo.InvariantCulture, $",{v:R}") : ","));
}
