using MaPLe.Prompting.DeepVision;

namespace MaPLe.Tuning;

/// <summary>Selects deep visual prompt tuning (VPT-deep) in a <see cref="PromptTunerBuilder"/>.</summary>
public static class DeepVisionBuilderExtensions
{
    /// <summary>VPT-deep with the paper's defaults (8 tokens, depth 12), optionally changed: <c>o => o with { PromptDepth = 9 }</c>.</summary>
    public static PromptTunerBuilder UseDeepVision(this PromptTunerBuilder builder, Func<DeepVisionOptions, DeepVisionOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.UseMethod(configure?.Invoke(new DeepVisionOptions()) ?? new DeepVisionOptions());
    }
}
