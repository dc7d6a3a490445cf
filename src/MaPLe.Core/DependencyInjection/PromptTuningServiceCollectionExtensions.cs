using MaPLe.DependencyInjection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

// In the namespace of IServiceCollection, where DI users look for Add* methods (as AddLogging, AddOptions, AddHttpClient).
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers prompt tuning in a service collection.</summary>
public static class PromptTuningServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IPromptTunerFactory"/> (singleton: loads the CLIP once) with validated
    /// <see cref="PromptTuningOptions"/>. Invalid options throw <see cref="OptionsValidationException"/> listing every
    /// problem when the factory is first resolved (at start-up under a host, through <c>ValidateOnStart</c>).
    /// </summary>
    /// <returns>A builder to add per-tuner configuration.</returns>
    public static PromptTuningServiceBuilder AddPromptTuning(this IServiceCollection services, Action<PromptTuningOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<PromptTuningOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PromptTuningOptions>, PromptTuningOptionsValidator>());
        services.TryAddSingleton<IPromptTunerFactory, PromptTunerFactory>();
        return new PromptTuningServiceBuilder(services);
    }

    /// <summary>
    /// Registers prompt tuning configured from <paramref name="configuration"/> (e.g. the <c>"PromptTuning"</c> section of
    /// <c>appsettings.json</c>), where <c>Method</c> names the method by id, alias or variant and <c>MethodOptions</c>
    /// changes its options (see <see cref="PromptTuningOptions.Bind"/>); <paramref name="configure"/> runs afterwards.
    /// </summary>
    /// <returns>A builder to add per-tuner configuration.</returns>
    public static PromptTuningServiceBuilder AddPromptTuning(this IServiceCollection services, IConfiguration configuration, Action<PromptTuningOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return services.AddPromptTuning(o =>
        {
            o.Bind(configuration);
            configure?.Invoke(o);
        });
    }
}
