using static TorchSharp.torch;

namespace MaPLe.Clip;

/// <summary>
/// Prompt tokens for the image tower (the prompt seam used by VPT, IVLP and MaPLe).
/// </summary>
/// <param name="Appended">
/// Tokens appended after the patch tokens, after the positional embedding and before <c>ln_pre</c> (no positional
/// embedding of their own): <c>[n, d_vision]</c> shared by the batch or <c>[B, n, d_vision]</c>. Null for none.
/// </param>
/// <param name="Deep">
/// Per-layer replacements: layer index (≥ 1) → tokens that replace the last n tokens at that block's input,
/// <c>[n, d_vision]</c> or <c>[B, n, d_vision]</c>. Layers not listed carry the previous layer's outputs.
/// </param>
public sealed record VisionPrompts(Tensor? Appended, IReadOnlyDictionary<int, Tensor>? Deep = null)
{
    /// <summary>No prompts: a plain CLIP forward.</summary>
    public static VisionPrompts None { get; } = new((Tensor?)null);
}

/// <summary>
/// Per-layer prompt replacements for the text tower: layer index (≥ 1) → tokens that replace positions 1..n at that
/// block's input, <c>[n, d_text]</c> shared by every sequence or <c>[N, n, d_text]</c> per sequence. Layer-0 prompts are part
/// of the token embeddings passed to <see cref="IClipBackbone.EncodeText"/>.
/// </summary>
/// <param name="Deep">The replacements; null or empty for none.</param>
public sealed record TextPrompts(IReadOnlyDictionary<int, Tensor>? Deep)
{
    /// <summary>No deep prompts.</summary>
    public static TextPrompts None { get; } = new((IReadOnlyDictionary<int, Tensor>?)null);
}
