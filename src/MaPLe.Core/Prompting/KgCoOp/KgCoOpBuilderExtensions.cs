using MaPLe.Prompting.KgCoOp;

namespace MaPLe.Tuning;

/// <summary>Selects KgCoOp in a <see cref="PromptTunerBuilder"/>.</summary>
public static class KgCoOpBuilderExtensions
{
    /// <summary>KgCoOp with the official run's options ("a photo of a", W 8.0, ImageNet template), optionally changed: <c>o => o with { DatasetName = "OxfordPets" }</c>.</summary>
    public static PromptTunerBuilder UseKgCoOp(this PromptTunerBuilder builder, Func<KgCoOpOptions, KgCoOpOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.UseMethod(configure?.Invoke(new KgCoOpOptions()) ?? new KgCoOpOptions());
    }
}
