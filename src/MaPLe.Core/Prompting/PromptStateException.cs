namespace MaPLe.Prompting;

/// <summary>Thrown when a prompt state (file or dictionary) does not fit the built learner.</summary>
public sealed class PromptStateException : FormatException
{
    /// <summary>Creates the exception with a full explanation.</summary>
    public PromptStateException(string message) : base(message) { }

    /// <summary>Builds the message listing key problems.</summary>
    public static PromptStateException ForKeys(string source, string method, IReadOnlyList<string> missing, IReadOnlyList<string> unexpected, IReadOnlyList<string> wrongShape)
    {
        var parts = new List<string> { $"Prompt state '{source}' does not fit the {method} learner." };
        if (missing.Count > 0) parts.Add($"Missing: {string.Join(", ", missing)}.");
        if (unexpected.Count > 0) parts.Add($"Unexpected: {string.Join(", ", unexpected)}.");
        if (wrongShape.Count > 0) parts.Add($"Wrong shapes: {string.Join("; ", wrongShape)}.");
        parts.Add("Build the tuner with the same method, options and backbone that produced the prompts.");
        return new PromptStateException(string.Join(" ", parts));
    }
}
