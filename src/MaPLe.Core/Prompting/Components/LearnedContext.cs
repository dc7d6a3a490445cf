using MaPLe.Clip;
using static TorchSharp.torch;

namespace MaPLe.Prompting.Components;

/// <summary>
/// Upstream's rules for a learned text context (N_CTX tokens, optionally initialised from the CTX_INIT text), shared by
/// the methods that learn one. Two families exist upstream and both are kept exactly: MaPLe, IVLP and deep language
/// prompting use the init text only for at most 4 tokens (<see cref="UsesInitText"/>); CoOp and CoCoOp let any non-empty
/// init text decide the token count (<see cref="InitWordCount"/>).
/// </summary>
public static class LearnedContext
{
    /// <summary>Tokens the class prompt needs besides the context: SOT, at least one class token, EOT.</summary>
    public const int ReservedTokens = 3;

    /// <summary>MaPLe / IVLP rule: the init text is used when it is non-empty and <paramref name="promptLength"/> ≤ 4.</summary>
    public static bool UsesInitText(string contextInit, int promptLength) =>
        PromptText.CleanInit(contextInit ?? "").Length > 0 && promptLength <= 4;

    /// <summary>MaPLe / IVLP rule: the text before the class name — the init text, or "X X ... X" for a random context.</summary>
    public static string ClassPromptPrefix(string contextInit, int promptLength) =>
        UsesInitText(contextInit, promptLength) ? PromptText.CleanInit(contextInit) : PromptText.Placeholder(promptLength);

    /// <summary>
    /// CoOp / CoCoOp rule: the number of context tokens an init text gives — one per space-separated word after
    /// underscores become spaces, counted as Python's <c>str.split(" ")</c> (every single space separates).
    /// </summary>
    public static int InitWordCount(string contextInit) => contextInit.Replace('_', ' ').Split(' ').Length;

    /// <summary>
    /// The problems with <paramref name="tokens"/> learned context tokens named by <paramref name="option"/>: at least
    /// one, and room left in the text context for SOT, a class token and EOT.
    /// </summary>
    public static IEnumerable<string> LengthProblems(int tokens, string option, ClipConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (tokens < 1)
            yield return $"{option} must be at least 1 (got {tokens}).";
        else if (tokens + ReservedTokens > config.Text.ContextLength)
            yield return $"{option} gives {tokens} learned tokens, which leaves no room for class tokens in the text context of {config.Text.ContextLength} tokens.";
    }

    /// <summary>Upstream's random context, N(0, 0.02): <c>[C, n, d]</c> with class-specific contexts for C classes, else <c>[n, d]</c>.</summary>
    internal static Tensor Random(int tokens, int width, int? classSpecificFor = null) =>
        classSpecificFor is { } classes ? normal(0, 0.02, [classes, tokens, width]) : normal(0, 0.02, [tokens, width]);

    /// <summary>
    /// Class-specific contexts belong to the classes they were trained for, so a new class set must have as many classes
    /// (upstream cannot load such a context for another class count either).
    /// </summary>
    /// <exception cref="InvalidOperationException">The counts differ.</exception>
    internal static void EnsureServes(string method, Tensor ctx, bool classSpecific, int classCount)
    {
        if (classSpecific && classCount != ctx.shape[0])
            throw new InvalidOperationException(
                $"This {method} learner has class-specific contexts for {ctx.shape[0]} classes and cannot serve {classCount}: " +
                "build it with ClassSpecific = false to transfer prompts to other classes.");
    }
}
