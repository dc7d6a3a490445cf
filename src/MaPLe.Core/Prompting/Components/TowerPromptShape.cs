using MaPLe.Clip;

namespace MaPLe.Prompting.Components;

/// <summary>
/// The prompt shape of independent per-tower prompting (IVLP; deep language prompting is its case without vision
/// prompts): learned text tokens per layer with upstream's CTX_INIT rule, a text depth, and vision tokens per layer with
/// a vision depth (0 = none).
/// </summary>
internal sealed record TowerPromptShape(int TextPromptLength, string ContextInit, int TextDepth, int VisionPromptLength, int VisionDepth)
{
    public bool UsesInitText => LearnedContext.UsesInitText(ContextInit, TextPromptLength);

    public string ClassPromptPrefix => LearnedContext.ClassPromptPrefix(ContextInit, TextPromptLength);

    // Each method names its own options in the messages.
    public IEnumerable<string> Problems(ClipConfig config, string textTokens, string textDepth, string visionTokens, string visionDepth)
    {
        foreach (var problem in LearnedContext.LengthProblems(TextPromptLength, textTokens, config))
            yield return problem;
        if (TextDepth < 1 || TextDepth > config.Text.Layers)
            yield return $"{textDepth} must be between 1 and {config.Text.Layers} (the text tower's layers), got {TextDepth}; use the deep vision method (VPT) to prompt only the image tower.";
        if (VisionDepth < 0 || VisionDepth > config.Vision.Layers)
            yield return $"{visionDepth} must be between 0 (no vision prompts) and {config.Vision.Layers} (the image tower's layers), got {VisionDepth}.";
        if (VisionDepth > 0 && VisionPromptLength < 1)
            yield return $"{visionTokens} must be at least 1 when {visionDepth} is {VisionDepth} (got {VisionPromptLength}).";
    }
}
