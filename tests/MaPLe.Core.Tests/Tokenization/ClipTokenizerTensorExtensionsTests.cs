using MaPLe.Tokenization;
using TorchSharp;

namespace MaPLe.Tests.Tokenization;

public sealed class ClipTokenizerTensorExtensionsTests
{
    [Fact]
    public void Batch_is_int64_rows_of_tokenize_and_end_indices_are_argmax()
    {
        using var scope = torch.NewDisposeScope();
        var tokenizer = TokenizerFixtures.OpenAi;
        string[] texts = ["a photo of a cat.", "x", "<|startoftext|>inline special<|endoftext|>"];

        var batch = tokenizer.TokenizeBatch(texts, 77);
        Assert.Equal(torch.ScalarType.Int64, batch.dtype);
        Assert.Equal([3L, 77L], batch.shape);
        for (var n = 0; n < texts.Length; n++)
            Assert.Equal(tokenizer.Tokenize(texts[n], 77).Select(i => (long)i), batch[n].data<long>().ToArray());

        // The first end token, as upstream's argmax (the third text holds two).
        Assert.Equal([7L, 2L, 4L], ClipTokenizerTensorExtensions.EndOfTextIndices(batch).data<long>().ToArray());
    }

    [Fact]
    public void Empty_batch_and_errors()
    {
        using var scope = torch.NewDisposeScope();
        var tokenizer = TokenizerFixtures.OpenAi;
        Assert.Equal([0L, 77L], tokenizer.TokenizeBatch([], 77).shape);
        Assert.Throws<ArgumentException>(() => tokenizer.TokenizeBatch(["word word word word"], 4));
        Assert.Equal([1L, 4L], tokenizer.TokenizeBatch(["word word word word"], 4, truncate: true).shape);
        Assert.Throws<ArgumentException>(() => ClipTokenizerTensorExtensions.EndOfTextIndices(torch.zeros(3)));
    }
}
