namespace MaPLe;

/// <summary>
/// The base of every "this file exists but its content is wrong" error the library throws: safetensors files, CLIP
/// weights, prompt and training-checkpoint files, tokenizer vocabularies and merges, dataset split and item lists.
/// Catch this one type to report any malformed input; the message names the file, where in it (key, line or offset)
/// when known, and how to fix it.
/// </summary>
/// <remarks>
/// A missing file is a <see cref="FileNotFoundException"/> instead, and an options value the caller chose is an
/// <see cref="ArgumentException"/>: those have different fixes (create the file, change the option).
/// </remarks>
public class MalformedFileException : FormatException
{
    /// <summary>Creates the exception with the message <c>'{filePath}'[ at {location}]: {problem}</c>.</summary>
    /// <param name="filePath">The file at fault (or, for in-memory state, a description of its source).</param>
    /// <param name="problem">What is wrong and, where it helps, how to fix it.</param>
    /// <param name="location">Where in the file: a key, a line ("line 12") or a byte offset; null when unknown.</param>
    /// <param name="innerException">The parser error behind this one, if any.</param>
    public MalformedFileException(string filePath, string problem, string? location = null, Exception? innerException = null)
        : this(DefaultMessage(filePath, problem, location), filePath, problem, location, innerException)
    {
    }

    /// <summary>For derived types that word the whole message themselves.</summary>
    /// <param name="message">The full message.</param>
    /// <param name="filePath">The file at fault (or a description of the source).</param>
    /// <param name="problem">What is wrong, without the file name.</param>
    /// <param name="location">Where in the file, when known.</param>
    /// <param name="innerException">The parser error behind this one, if any.</param>
    protected MalformedFileException(string message, string filePath, string problem, string? location, Exception? innerException)
        : base(message, innerException)
    {
        FilePath = filePath ?? string.Empty;
        Problem = problem ?? string.Empty;
        Location = location;
    }

    /// <summary>The file at fault; for state that came from no file, a description of its source.</summary>
    public string FilePath { get; }

    /// <summary>What is wrong with it, without the file name.</summary>
    public string Problem { get; }

    /// <summary>Where in the file the problem is (a key, "line N", "offset N"); null when not known.</summary>
    public string? Location { get; }

    private static string DefaultMessage(string filePath, string problem, string? location) =>
        location is null ? $"'{filePath}': {problem}" : $"'{filePath}' at {location}: {problem}";
}
