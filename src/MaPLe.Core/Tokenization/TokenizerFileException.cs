namespace MaPLe.Tokenization;

/// <summary>
/// Thrown when a tokenizer file (OpenAI's BPE merges file, Hugging Face's <c>vocab.json</c> or <c>merges.txt</c>) is
/// malformed or the vocabulary and merges do not fit together; the message names the file and, where known, the line.
/// </summary>
public sealed class TokenizerFileException : MalformedFileException
{
    /// <summary>Creates the exception for <paramref name="path"/>.</summary>
    /// <param name="path">The tokenizer file.</param>
    /// <param name="message">The full explanation, naming the file.</param>
    /// <param name="problem">What is wrong, without the file name.</param>
    /// <param name="location">"line N" or the token at fault, when known.</param>
    /// <param name="inner">The decoder error behind this one, if any.</param>
    public TokenizerFileException(string path, string message, string problem, string? location = null, Exception? inner = null)
        : base(message, path, problem, location, inner) { }
}
