using Microsoft.Extensions.Logging;

namespace MaPLe.Evaluation;

/// <summary>The evaluator's log lines (source-generated, structured).</summary>
internal static partial class EvaluationLog
{
    [LoggerMessage(EventId = 1100, Level = LogLevel.Information,
        Message = "Evaluated {Dataset}: {Samples} images over {Classes} classes, accuracy {Accuracy:F2}%, macro-F1 {MacroF1:F2}% in {Seconds:F1} s")]
    public static partial void Evaluated(ILogger logger, string dataset, long samples, int classes, double accuracy, double macroF1, double seconds);
}
