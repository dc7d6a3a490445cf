using MaPLe.Prompting.PromptSRC;

namespace MaPLe.Tuning;

/// <summary>Selects PromptSRC in a <see cref="PromptTunerBuilder"/>.</summary>
public static class PromptSrcBuilderExtensions
{
    /// <summary>PromptSRC with the base-to-novel config (4+4 tokens, "a photo of a", depth 9/9, weights 25/10, GPA 15±1), optionally changed: <c>o => o with { GpaMean = 6, GpaStd = 10 }</c>.</summary>
    public static PromptTunerBuilder UsePromptSRC(this PromptTunerBuilder builder, Func<PromptSrcOptions, PromptSrcOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.UseMethod(configure?.Invoke(new PromptSrcOptions()) ?? new PromptSrcOptions());
    }
}
