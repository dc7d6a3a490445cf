using MaPLe.Prompting.DeepLanguage;

namespace MaPLe.Tuning;

/// <summary>Selects deep language prompting in a <see cref="PromptTunerBuilder"/>.</summary>
public static class DeepLanguageBuilderExtensions
{
    /// <summary>Deep language prompting with the paper's defaults (4 tokens from "a photo of a", depth 12), optionally changed: <c>o => o with { PromptDepth = 9 }</c>.</summary>
    public static PromptTunerBuilder UseDeepLanguage(this PromptTunerBuilder builder, Func<DeepLanguageOptions, DeepLanguageOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.UseMethod(configure?.Invoke(new DeepLanguageOptions()) ?? new DeepLanguageOptions());
    }
}
