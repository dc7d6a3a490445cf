using Microsoft.Extensions.Logging;

namespace MaPLe.Training;

/// <summary>The trainer's log lines (source-generated, structured).</summary>
internal static partial class TrainingLog
{
    [LoggerMessage(EventId = 1000, Level = LogLevel.Information,
        Message = "Training {Method} ({Parameters} parameters) for {Epochs} epochs x {StepsPerEpoch} steps on {Device} ({DType}); schedule {Schedule}")]
    public static partial void Starting(ILogger logger, string method, long parameters, int epochs, int stepsPerEpoch, string device, string dtype, string schedule);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information,
        Message = "Resuming from {Path} at epoch {Epoch}, step {Step} ({GlobalStep} steps done)")]
    public static partial void Resuming(ILogger logger, string path, int epoch, int step, long globalStep);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information,
        Message = "epoch [{Epoch}/{Epochs}] batch [{Step}/{StepsPerEpoch}] loss {Loss:F4} acc {Accuracy:F1} lr {LearningRate:E4} {ImagesPerSecond:F1} img/s eta {Eta}")]
    public static partial void Step(ILogger logger, int epoch, int epochs, int step, int stepsPerEpoch, double loss, double accuracy, double learningRate, double imagesPerSecond, string eta);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Information,
        Message = "epoch [{Epoch}/{Epochs}] done: mean loss {MeanLoss:F4}, train acc {Accuracy:F2}%, lr {LearningRate:E4}, {Seconds:F1} s")]
    public static partial void Epoch(ILogger logger, int epoch, int epochs, double meanLoss, double accuracy, double learningRate, double seconds);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Information, Message = "Checkpoint written: {Path} (next epoch {Epoch}, step {Step})")]
    public static partial void CheckpointWritten(ILogger logger, string path, int epoch, int step);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Warning, Message = "Training cancelled at epoch {Epoch}, step {Step} ({GlobalStep} steps done)")]
    public static partial void Cancelled(ILogger logger, int epoch, int step, long globalStep);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Error, Message = "Training diverged at epoch {Epoch}, step {Step}: {Quantity} is {Value}; prompts restored to the last finite-loss state")]
    public static partial void Diverged(ILogger logger, int epoch, int step, string quantity, double value);

    [LoggerMessage(EventId = 1007, Level = LogLevel.Information, Message = "Finish training: {Steps} steps in {Seconds:F1} s")]
    public static partial void Finished(ILogger logger, long steps, double seconds);

    /// <summary>h:mm:ss (days folded into hours), for ETA and elapsed times in log lines.</summary>
    public static string Duration(TimeSpan t) => $"{(int)t.TotalHours}:{t.Minutes:00}:{t.Seconds:00}";

    [LoggerMessage(EventId = 1011, Level = LogLevel.Information,
        Message = "epoch [{Epoch}/{Epochs}] batch [{Step}/{StepsPerEpoch}] loss terms {Components}")]
    public static partial void StepComponents(ILogger logger, int epoch, int epochs, int step, int stepsPerEpoch, string components);

    /// <summary>"ce 1.2345, kl 0.0123" (invariant culture).</summary>
    public static string Components(IReadOnlyDictionary<string, double> components) =>
        string.Join(", ", components.Select(kv => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{kv.Key} {kv.Value:F4}")));

    [LoggerMessage(EventId = 1008, Level = LogLevel.Information, Message = "Checkpoint {Path} is already complete ({Epochs} epochs); nothing to train")]
    public static partial void AlreadyComplete(ILogger logger, string path, int epochs);
}
