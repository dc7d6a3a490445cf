using MaPLe.Prompting.ZeroShot;

namespace MaPLe.Tuning;

/// <summary>Selects zero-shot CLIP in a <see cref="PromptTunerBuilder"/>.</summary>
public static class ZeroShotBuilderExtensions
{
    /// <summary>Zero-shot CLIP with "a photo of a {}.", optionally changed: <c>o => ZeroShotOptions.EnsembleForDataset("OxfordPets")</c>.</summary>
    public static PromptTunerBuilder UseZeroShot(this PromptTunerBuilder builder, Func<ZeroShotOptions, ZeroShotOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.UseMethod(configure?.Invoke(new ZeroShotOptions()) ?? new ZeroShotOptions());
    }

    /// <summary>Zero-shot CLIP with the given templates (each with one "{}" for the class name).</summary>
    public static PromptTunerBuilder UseZeroShot(this PromptTunerBuilder builder, params string[] templates)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.UseMethod(new ZeroShotOptions { Templates = templates });
    }
}
