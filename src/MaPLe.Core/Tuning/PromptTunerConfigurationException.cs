namespace MaPLe.Tuning;

/// <summary>Thrown by <see cref="PromptTunerBuilder.Build"/>: lists every configuration problem, each naming its option.</summary>
public sealed class PromptTunerConfigurationException : ArgumentException
{
    /// <summary>Creates the exception from the list of problems.</summary>
    public PromptTunerConfigurationException(IReadOnlyList<string> problems)
        : base("The prompt tuner cannot be built: " + string.Join(" ", problems.Select((p, i) => $"({i + 1}) {p}")))
    {
        Problems = problems;
    }

    /// <summary>Each problem, naming the option to fix.</summary>
    public IReadOnlyList<string> Problems { get; }
}
