using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MaPLe.DependencyInjection;

/// <summary>Returned by <c>AddPromptTuning</c>: adds configuration applied to every tuner builder.</summary>
public sealed class PromptTuningServiceBuilder
{
    internal PromptTuningServiceBuilder(IServiceCollection services) => Services = services;

    /// <summary>The service collection.</summary>
    public IServiceCollection Services { get; }

    /// <summary>Applies <paramref name="configure"/> to every builder the factory creates (e.g. <c>b =&gt; b.UseMaPLe(...)</c>).</summary>
    public PromptTuningServiceBuilder ConfigureTuner(Action<Tuning.PromptTunerBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        Services.AddSingleton(new PromptTunerBuilderConfigurator(configure));
        return this;
    }
}

/// <summary>Checks <see cref="PromptTuningOptions"/> and reports every problem at once.</summary>
internal sealed class PromptTuningOptionsValidator : IValidateOptions<PromptTuningOptions>
{
    public ValidateOptionsResult Validate(string? name, PromptTuningOptions options)
    {
        var problems = options.Validate();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems.Select(p => $"PromptTuningOptions.{p}"));
    }
}
