using MaPLe.Prompting.CoCoOp;

namespace MaPLe.Tuning;

/// <summary>Selects CoCoOp in a <see cref="PromptTunerBuilder"/>.</summary>
public static class CoCoOpBuilderExtensions
{
    /// <summary>CoCoOp with the paper's defaults (4 tokens from "a photo of a"), optionally changed: <c>o => o with { ContextInit = "", PromptLength = 8 }</c>.</summary>
    public static PromptTunerBuilder UseCoCoOp(this PromptTunerBuilder builder, Func<CoCoOpOptions, CoCoOpOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.UseMethod(configure?.Invoke(new CoCoOpOptions()) ?? new CoCoOpOptions());
    }
}
