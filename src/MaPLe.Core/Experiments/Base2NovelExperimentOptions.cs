using MaPLe.Prompting;
using MaPLe.Training;

namespace MaPLe.Experiments;

/// <summary>What a base-to-novel experiment runs: methods with their options and training recipes (device and precision are the backbone's).</summary>
public sealed record Base2NovelExperimentOptions
{
    /// <summary>Methods to compare, in order.</summary>
    public required IReadOnlyList<PromptMethodOptions> Methods { get; init; }

    /// <summary>Training recipe per method id; methods without an entry use their default preset (<see cref="TrainingPresets.ForMethod"/>).</summary>
    public IReadOnlyDictionary<string, TrainingOptions> Training { get; init; } = new Dictionary<string, TrainingOptions>();

    /// <summary>Seed of prompt initialisation and data order.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>The recipe used for <paramref name="method"/>.</summary>
    public TrainingOptions TrainingFor(string method) =>
        (Training.TryGetValue(method, out var t) ? t : TrainingPresets.ForMethod(method)) with { Seed = Seed };
}
