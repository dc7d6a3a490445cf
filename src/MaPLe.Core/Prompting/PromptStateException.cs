namespace MaPLe.Prompting;

/// <summary>Thrown when a prompt state (file or dictionary) does not fit the built learner.</summary>
public sealed class PromptStateException : MalformedFileException
{
    /// <summary>Creates the exception with a full explanation (no file known: <see cref="MalformedFileException.FilePath"/> is empty).</summary>
    public PromptStateException(string message) : base(message, string.Empty, message, null, null) { }

    /// <summary>Creates the exception for the prompt file (or in-memory state) <paramref name="source"/>.</summary>
    /// <param name="source">The prompt file, or a description of the in-memory state.</param>
    /// <param name="message">The full explanation, naming the source.</param>
    /// <param name="problem">What is wrong, without the source.</param>
    /// <param name="key">The state key at fault, when there is one.</param>
    public PromptStateException(string source, string message, string problem, string? key = null)
        : base(message, source, problem, key, null) { }

    /// <summary>Builds the message listing key problems.</summary>
    public static PromptStateException ForKeys(string source, string method, IReadOnlyList<string> missing, IReadOnlyList<string> unexpected, IReadOnlyList<string> wrongShape)
    {
        var parts = new List<string>();
        if (missing.Count > 0) parts.Add($"Missing: {string.Join(", ", missing)}.");
        if (unexpected.Count > 0) parts.Add($"Unexpected: {string.Join(", ", unexpected)}.");
        if (wrongShape.Count > 0) parts.Add($"Wrong shapes: {string.Join("; ", wrongShape)}.");
        parts.Add("Build the tuner with the same method, options and backbone that produced the prompts.");
        var problem = string.Join(" ", parts);
        var key = missing.Concat(unexpected).Concat(wrongShape).FirstOrDefault();
        return new PromptStateException(source, $"Prompt state '{source}' does not fit the {method} learner. {problem}", problem, key);
    }
}
