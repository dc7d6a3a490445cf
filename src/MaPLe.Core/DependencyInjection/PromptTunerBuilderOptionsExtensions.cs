using MaPLe.Clip;
using MaPLe.Training;
using MaPLe.Tuning;

namespace MaPLe.DependencyInjection;

/// <summary>Fills a <see cref="PromptTunerBuilder"/> from one <see cref="PromptTuningOptions"/> object.</summary>
public static class PromptTunerBuilderOptionsExtensions
{
    /// <summary>
    /// Applies every set value of <paramref name="options"/>: the backbone and tokenizer files (loaded when building;
    /// the tuner owns the backbone), the device, compute dtype and linear kernel, the method, the classes and the seed.
    /// Values are checked by <see cref="PromptTunerBuilder.Build"/> (or by <see cref="PromptTuningOptions.Validate"/>
    /// beforehand); calls made after this one override it.
    /// </summary>
    public static PromptTunerBuilder UseOptions(this PromptTunerBuilder builder, PromptTuningOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        if (!string.IsNullOrWhiteSpace(options.BackboneWeightsPath)) builder.UseBackbone(options.BackboneWeightsPath);
        if (!string.IsNullOrWhiteSpace(options.BpeVocabularyPath)) builder.UseTokenizer(options.BpeVocabularyPath);
        builder.UseDevice(ComputeDevices.Parse(options.Device)).UseComputeDType(options.ComputeDType).UseLinearKernel(options.LinearKernel);
        if (options.Method is { } method) builder.UseMethod(method);
        if (options.ClassNames is { Count: > 0 } classes) builder.UseClassNames(classes);
        if (options.Seed is { } seed) builder.UseSeed(seed);
        return builder;
    }

    /// <summary>The backbone options <paramref name="options"/> describe (device, compute dtype, linear kernel).</summary>
    internal static ClipBackboneOptions BackboneOptions(this PromptTuningOptions options) =>
        new() { Device = ComputeDevices.Parse(options.Device), ComputeDType = options.ComputeDType, LinearKernel = options.LinearKernel };
}
