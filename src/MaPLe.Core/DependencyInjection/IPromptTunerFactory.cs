using MaPLe.Training;
using MaPLe.Tuning;

namespace MaPLe.DependencyInjection;

/// <summary>
/// Creates configured prompt tuners in an application. The frozen CLIP and the tokenizer are loaded once (on first use)
/// and shared by every tuner it creates; the factory owns them (the container disposes it), each tuner owns only its
/// prompts — dispose tuners when done.
/// </summary>
public interface IPromptTunerFactory
{
    /// <summary>The validated settings.</summary>
    PromptTuningOptions Options { get; }

    /// <summary>The training settings: <see cref="PromptTuningOptions.Training"/> or the method's paper preset.</summary>
    TrainingOptions TrainingOptions { get; }

    /// <summary>A builder preconfigured with the shared backbone, tokenizer, method, classes, seed and logging.</summary>
    PromptTunerBuilder CreateBuilder();

    /// <summary>A new tuner for <paramref name="classNames"/> (default: the configured classes). The caller disposes it.</summary>
    PromptTuner Create(IEnumerable<string>? classNames = null);
}
