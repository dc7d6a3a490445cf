using MaPLe.Prompting.ProGrad;

namespace MaPLe.Tuning;

/// <summary>Selects ProGrad in a <see cref="PromptTunerBuilder"/>.</summary>
public static class ProGradBuilderExtensions
{
    /// <summary>ProGrad with the official run's options (16 tokens ending in the template's words, λ 1, T 1), optionally changed: <c>o => o with { DatasetName = "EuroSAT" }</c>.</summary>
    public static PromptTunerBuilder UseProGrad(this PromptTunerBuilder builder, Func<ProGradOptions, ProGradOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.UseMethod(configure?.Invoke(new ProGradOptions()) ?? new ProGradOptions());
    }
}
