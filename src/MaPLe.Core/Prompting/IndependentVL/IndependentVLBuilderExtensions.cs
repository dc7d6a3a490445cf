using MaPLe.Prompting.IndependentVL;

namespace MaPLe.Tuning;

/// <summary>Selects independent vision-language prompting (IVLP) in a <see cref="PromptTunerBuilder"/>.</summary>
public static class IndependentVLBuilderExtensions
{
    /// <summary>IVLP with the paper's defaults (2+2 tokens, "a photo of a", depth 12/12), optionally changed: <c>o => o with { TextDepth = 9, VisionDepth = 9 }</c>.</summary>
    public static PromptTunerBuilder UseIndependentVL(this PromptTunerBuilder builder, Func<IndependentVLOptions, IndependentVLOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.UseMethod(configure?.Invoke(new IndependentVLOptions()) ?? new IndependentVLOptions());
    }
}
