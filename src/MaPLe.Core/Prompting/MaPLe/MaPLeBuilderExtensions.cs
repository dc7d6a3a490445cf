using MaPLe.Prompting.MaPLe;

namespace MaPLe.Tuning;

/// <summary>Selects MaPLe in a <see cref="PromptTunerBuilder"/>.</summary>
public static class MaPLeBuilderExtensions
{
    /// <summary>MaPLe with the base-to-novel defaults (n_ctx 2, "a photo of a", depth 9), optionally changed: <c>o => o with { PromptDepth = 3 }</c>.</summary>
    public static PromptTunerBuilder UseMaPLe(this PromptTunerBuilder builder, Func<MaPLeOptions, MaPLeOptions>? configure = null) =>
        builder.UseMethod(configure?.Invoke(new MaPLeOptions()) ?? new MaPLeOptions());
}
