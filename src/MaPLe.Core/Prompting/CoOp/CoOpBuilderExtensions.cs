using MaPLe.Prompting.CoOp;

namespace MaPLe.Tuning;

/// <summary>Selects CoOp in a <see cref="PromptTunerBuilder"/>.</summary>
public static class CoOpBuilderExtensions
{
    /// <summary>CoOp with the defaults (4 tokens from "a photo of a", class at the end), optionally changed: <c>o => o with { ContextInit = "", PromptLength = 16 }</c>.</summary>
    public static PromptTunerBuilder UseCoOp(this PromptTunerBuilder builder, Func<CoOpOptions, CoOpOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.UseMethod(configure?.Invoke(new CoOpOptions()) ?? new CoOpOptions());
    }
}
