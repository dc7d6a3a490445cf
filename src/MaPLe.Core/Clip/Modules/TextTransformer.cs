using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace MaPLe.Clip.Modules;

/// <summary>
/// CLIP's causal text tower. Parameter names match OpenAI's root-level text keys (<c>token_embedding</c>,
/// <c>positional_embedding</c>, <c>transformer</c>, <c>ln_final</c>, <c>text_projection</c>).
/// </summary>
public sealed class TextTransformer : nn.Module<Tensor, Tensor>
{
    /// <summary>Token embedding table <c>[vocab, width]</c>.</summary>
    public readonly Embedding token_embedding;

    /// <summary>Positional embedding <c>[context, width]</c>.</summary>
    public readonly Parameter positional_embedding;

    /// <summary>The causal blocks.</summary>
    public readonly Transformer transformer;

    /// <summary>Final norm.</summary>
    public readonly ClipLayerNorm ln_final;

    /// <summary>Projection to the joint space <c>[width, embed]</c> (used as <c>x @ text_projection</c>).</summary>
    public readonly Parameter text_projection;

    [ComponentName(Name = "projection")]
    private readonly MatrixProduct _projection = new();

    /// <summary>Builds the tower for <paramref name="config"/>.</summary>
    public TextTransformer(ClipTextConfig config, int embedDim) : base(nameof(TextTransformer))
    {
        Config = config;
        token_embedding = nn.Embedding(config.VocabularySize, config.Width);
        positional_embedding = new Parameter(empty(config.ContextLength, config.Width));
        transformer = new Transformer(config.Width, config.Layers, config.Heads, causal: true);
        ln_final = new ClipLayerNorm(config.Width);
        text_projection = new Parameter(empty(config.Width, embedDim));
        RegisterComponents();
    }

    /// <summary>The tower's hyper-parameters.</summary>
    public ClipTextConfig Config { get; }

    /// <summary>Features of token ids <c>[N, L]</c>, pooled at the largest id (EOT) as upstream.</summary>
    public override Tensor forward(Tensor tokenIds)
    {
        using var scope = NewDisposeScope();
        var eot = tokenIds.argmax(-1);
        return Forward(Embed(tokenIds), eot, null).MoveToOuterDisposeScope();
    }

    /// <summary>Token embeddings <c>[N, L, width]</c> in the weights' dtype.</summary>
    public Tensor Embed(Tensor tokenIds) => token_embedding.forward(tokenIds);

    /// <summary>
    /// Features <c>[N, embed]</c> from embeddings <c>[N, L, width]</c>. The tower is causal, so positions after the last
    /// EOT cannot change any pooled output: only the first <c>max(eot)+1</c> positions are computed.
    /// </summary>
    public Tensor Forward(Tensor embeddings, Tensor eotIndices, IReadOnlyDictionary<int, Tensor>? deep) =>
        Forward(embeddings, eotIndices, deep, truncate: true);

    /// <summary>As <see cref="Forward(Tensor, Tensor, IReadOnlyDictionary{int, Tensor}?)"/>; <paramref name="truncate"/> = false runs all positions (tests, benchmarks).</summary>
    internal Tensor Forward(Tensor embeddings, Tensor eotIndices, IReadOnlyDictionary<int, Tensor>? deep, bool truncate)
    {
        using var scope = NewDisposeScope();
        var stream = ScalarType.Float32;   // the residual stream stays float32 whatever the weights' dtype
        long n = embeddings.shape[0], l = embeddings.shape[1];
        if (l > Config.ContextLength)
            throw new ArgumentException($"Text has {l} positions but the model's context length is {Config.ContextLength}.", nameof(embeddings));
        var eot = eotIndices.to(ScalarType.Int64);
        if (eot.min().item<long>() < 0)
            throw new ArgumentException("EOT indices must be non-negative.", nameof(eotIndices));
        long used = truncate ? Math.Min(l, eot.max().item<long>() + 1) : l;
        var x = embeddings[.., ..(int)used].to(stream) + positional_embedding[..(int)used].to(stream);
        x = transformer.Forward(x, deep, PromptSplice.ReplaceAfterFirst);
        x = ln_final.forward(x);
        var pooled = x[arange(n, device: x.device), eot.to(x.device)];
        return _projection.call(pooled, text_projection.to(stream)).MoveToOuterDisposeScope();
    }
}
