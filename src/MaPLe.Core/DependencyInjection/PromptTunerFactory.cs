using MaPLe.Clip;
using MaPLe.Tokenization;
using MaPLe.Training;
using MaPLe.Tuning;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace MaPLe.DependencyInjection;

/// <summary>The <see cref="IPromptTunerFactory"/> registered by <c>AddPromptTuning</c>.</summary>
internal sealed class PromptTunerFactory : IPromptTunerFactory, IDisposable
{
    private readonly ILoggerFactory _loggerFactory;
    private readonly IReadOnlyList<Action<PromptTunerBuilder>> _configurators;
    private readonly Lazy<ClipBackbone> _backbone;
    private readonly Lazy<ClipTokenizer> _tokenizer;
    private bool _disposed;

    public PromptTunerFactory(IOptions<PromptTuningOptions> options, IEnumerable<PromptTunerBuilderConfigurator> configurators, ILoggerFactory? loggerFactory = null)
    {
        Options = options.Value;   // validated by PromptTuningOptionsValidator when resolved
        _loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        _configurators = configurators.Select(c => c.Configure).ToList();
        _backbone = new Lazy<ClipBackbone>(() => ClipBackbone.Load(Options.BackboneWeightsPath!, Options.BackboneOptions()), LazyThreadSafetyMode.ExecutionAndPublication);
        _tokenizer = new Lazy<ClipTokenizer>(() => ClipTokenizer.FromBpeFile(Options.BpeVocabularyPath!), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public PromptTuningOptions Options { get; }

    public TrainingOptions TrainingOptions
    {
        get
        {
            if (Options.Training is { } t) return t;
            return PromptMethods.DefaultTraining(Options.Method?.Method);
        }
    }

    public PromptTunerBuilder CreateBuilder()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        // The same options fill every builder; the shared, already loaded backbone and tokenizer replace the files.
        var builder = new PromptTunerBuilder()
            .UseOptions(Options)
            .UseBackbone(_backbone.Value, ownsBackbone: false)
            .UseTokenizer(_tokenizer.Value)
            .UseLogger(_loggerFactory);
        foreach (var configure in _configurators) configure(builder);
        return builder;
    }

    public PromptTuner Create(IEnumerable<string>? classNames = null)
    {
        var builder = CreateBuilder();
        if (classNames is not null) builder.UseClassNames(classNames);
        return builder.Build();
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        if (_backbone.IsValueCreated) _backbone.Value.Dispose();
    }
}

/// <summary>A hook applied to every builder the factory creates (registered by <see cref="PromptTuningServiceBuilder.ConfigureTuner"/>).</summary>
/// <param name="Configure">The hook.</param>
internal sealed record PromptTunerBuilderConfigurator(Action<PromptTunerBuilder> Configure);
