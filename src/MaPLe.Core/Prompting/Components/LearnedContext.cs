using static TorchSharp.torch;

namespace MaPLe.Prompting.Components;

/// <summary>The CoOp family's learned text context (CoOp, KgCoOp, ProGrad): random initialisation and the class-specific rule.</summary>
internal static class LearnedContext
{
    /// <summary>Upstream's random context, N(0, 0.02): <c>[C, n, d]</c> with class-specific contexts for C classes, else <c>[n, d]</c>.</summary>
    public static Tensor Random(int tokens, int width, int? classSpecificFor = null) =>
        classSpecificFor is { } classes ? normal(0, 0.02, [classes, tokens, width]) : normal(0, 0.02, [tokens, width]);

    /// <summary>
    /// Class-specific contexts belong to the classes they were trained for, so a new class set must have as many classes
    /// (upstream cannot load such a context for another class count either).
    /// </summary>
    /// <exception cref="InvalidOperationException">The counts differ.</exception>
    public static void EnsureServes(string method, Tensor ctx, bool classSpecific, int classCount)
    {
        if (classSpecific && classCount != ctx.shape[0])
            throw new InvalidOperationException(
                $"This {method} learner has class-specific contexts for {ctx.shape[0]} classes and cannot serve {classCount}: " +
                "build it with ClassSpecific = false to transfer prompts to other classes.");
    }
}
