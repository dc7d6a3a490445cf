namespace MaPLe.Prompting.Components;

/// <summary>
/// The shape of a learned class context: <see cref="PromptLength"/> tokens, shared or class-specific, initialised from
/// the first <see cref="InitTokens"/> tokens of <see cref="InitWords"/> (in its last rows) or at random when those are null.
/// </summary>
/// <param name="MethodName">The method as its messages name it ("CoOp").</param>
/// <param name="PromptLength">Context tokens (N_CTX in effect).</param>
/// <param name="ClassSpecific">One context per class (CSC).</param>
/// <param name="ClassTokenPosition">Where the class name goes.</param>
/// <param name="ClassPromptPrefix">The text before the class name in the tokenized class prompts.</param>
/// <param name="InitWords">The initialisation text; null for a random N(0, 0.02) context.</param>
/// <param name="InitTokens">How many of its tokens initialise the context.</param>
internal sealed record ContextPromptShape(
    string MethodName, int PromptLength, bool ClassSpecific, ClassTokenPosition ClassTokenPosition, string ClassPromptPrefix,
    string? InitWords, int InitTokens);
