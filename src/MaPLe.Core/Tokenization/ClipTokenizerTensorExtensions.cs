using TorchSharp;
using static TorchSharp.torch;

namespace MaPLe.Tokenization;

/// <summary>Token rows as TorchSharp tensors, the form CLIP's text encoder takes (<c>clip.tokenize</c>).</summary>
public static class ClipTokenizerTensorExtensions
{
    /// <summary>
    /// <see cref="IClipTokenizer.Tokenize"/> for each text, as an int64 CPU tensor <c>[texts.Count, contextLength]</c>
    /// (<c>clip.tokenize(texts, context_length, truncate)</c>). All texts are tokenized before the tensor is created,
    /// so a too-long text throws without allocating anything.
    /// </summary>
    /// <exception cref="ArgumentException">A text is too long and <paramref name="truncate"/> is false, or a text is null.</exception>
    public static Tensor TokenizeBatch(this IClipTokenizer tokenizer, IReadOnlyList<string> texts, int contextLength,
        bool truncate = false)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentOutOfRangeException.ThrowIfLessThan(contextLength, 2);
        var data = new long[texts.Count * (long)contextLength];
        for (var n = 0; n < texts.Count; n++)
        {
            var text = texts[n] ?? throw new ArgumentException($"Text {n} is null.", nameof(texts));
            var row = tokenizer.Tokenize(text, contextLength, truncate);
            for (var t = 0; t < contextLength; t++)
                data[(n * (long)contextLength) + t] = row[t];
        }

        return torch.tensor(data, [texts.Count, contextLength], dtype: ScalarType.Int64);
    }

    /// <summary>
    /// Position of the end token in each row of <paramref name="tokens"/> <c>[N, L]</c>: <c>tokens.argmax(-1)</c>, as
    /// upstream (the end id is the largest id; with several, the first is taken), int64 <c>[N]</c>.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="tokens"/> is not a 2-D integer tensor.</exception>
    public static Tensor EndOfTextIndices(Tensor tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        if (tokens.dim() != 2 || !torch.is_integral(tokens.dtype))
        {
            throw new ArgumentException(
                $"Token ids must be a 2-D integer tensor [N, contextLength]; got {tokens.dtype} [{string.Join(", ", tokens.shape)}].",
                nameof(tokens));
        }

        return tokens.argmax(-1);
    }
}
