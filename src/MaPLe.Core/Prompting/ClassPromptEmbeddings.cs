using MaPLe.Clip;
using MaPLe.Tokenization;
using static TorchSharp.torch;

namespace MaPLe.Prompting;

/// <summary>
/// Frozen token embeddings of one prompt per class (e.g. "a photo of a dog."), cut after the last EOT: the text tower is
/// causal, so later positions cannot change any pooled feature. Learners splice their context vectors into these rows.
/// </summary>
public sealed class ClassPromptEmbeddings : IDisposable
{
    private ClassPromptEmbeddings(Tensor embeddings, Tensor eot, IReadOnlyList<string> texts)
    {
        Embeddings = embeddings;
        EotIndices = eot;
        Texts = texts;
    }

    /// <summary>Token embeddings <c>[C, L, d_text]</c>, float32, no gradient.</summary>
    public Tensor Embeddings { get; }

    /// <summary>EOT position of each row <c>[C]</c> (argmax of the token ids, as upstream).</summary>
    public Tensor EotIndices { get; }

    /// <summary>The prompt texts, one per class.</summary>
    public IReadOnlyList<string> Texts { get; }

    /// <summary>Rows <c>[C]</c>.</summary>
    public long Count => Embeddings.shape[0];

    /// <summary>Tokenizes and embeds <paramref name="texts"/> with the backbone's context length.</summary>
    public static ClassPromptEmbeddings Create(IClipBackbone backbone, IClipTokenizer tokenizer, IReadOnlyList<string> texts)
    {
        ArgumentNullException.ThrowIfNull(backbone);
        ArgumentNullException.ThrowIfNull(tokenizer);
        if (texts.Count == 0)
            throw new ArgumentException("At least one class is needed.", nameof(texts));
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var ids = tokenizer.TokenizeBatch(texts, backbone.Config.Text.ContextLength);
        var eot = ClipTokenizerTensorExtensions.EndOfTextIndices(ids);
        int used = (int)eot.max().item<long>() + 1;
        var emb = backbone.EmbedTokens(ids[.., ..used]);
        return new ClassPromptEmbeddings(
            emb.detach().MoveToOuterDisposeScope().DetachFromDisposeScope(),
            eot.to(backbone.Device).MoveToOuterDisposeScope().DetachFromDisposeScope(),
            texts);
    }

    /// <summary>Rows with positions <c>1..n</c> replaced: <c>[prefix (SOT), ctx, suffix]</c> as upstream's prompt learners build them.</summary>
    public Tensor WithContext(Tensor ctx)
    {
        using var scope = NewDisposeScope();
        long c = Count;
        long n = ctx.dim() == 2 ? ctx.shape[0] : ctx.shape[^2];
        var expanded = ctx.dim() == 2 ? ctx.unsqueeze(0).expand(c, -1, -1) : ctx;
        return cat([Embeddings[.., ..1], expanded, Embeddings[.., (int)(1 + n)..]], 1).MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Embeddings.Dispose();
        EotIndices.Dispose();
    }
}
