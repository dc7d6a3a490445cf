using static TorchSharp.torch;

namespace MaPLe.Clip;

/// <summary>
/// A frozen CLIP: both towers with the prompt seam. All outputs are float32 (whatever the compute dtype), unnormalized
/// features in the joint embedding space. Implementations never require gradients for their own weights, but let
/// gradients flow to prompt tensors passed in.
/// </summary>
public interface IClipBackbone : IDisposable
{
    /// <summary>The architecture, read from the weights.</summary>
    ClipConfig Config { get; }

    /// <summary>The device holding the weights.</summary>
    Device Device { get; }

    /// <summary>The dtype weights and activations are computed in (float32 or bfloat16).</summary>
    ScalarType ComputeDType { get; }

    /// <summary><c>exp(logit_scale)</c> as stored in the weights (100.03 for an fp16-rounded ln 100).</summary>
    double LogitScale { get; }

    /// <summary>A short stable hash of the architecture and weights, stored in prompt files to catch mismatches.</summary>
    string Fingerprint { get; }

    /// <summary>Token embeddings (no positional embedding) of <c>[N, L]</c> int64 ids, as float32 <c>[N, L, d_text]</c>.</summary>
    Tensor EmbedTokens(Tensor tokenIds);

    /// <summary>
    /// Text features <c>[N, embed]</c> from token embeddings <c>[N, L, d_text]</c> (L ≤ context length; positional
    /// embedding added here) pooled at <paramref name="eotIndices"/> <c>[N]</c>. Because the tower is causal, only the first
    /// <c>max(eot)+1</c> positions are computed.
    /// </summary>
    Tensor EncodeText(Tensor tokenEmbeddings, Tensor eotIndices, TextPrompts? prompts = null);

    /// <summary>Image features <c>[B, embed]</c> from normalized images <c>[B, 3, H, W]</c>.</summary>
    Tensor EncodeImage(Tensor images, VisionPrompts? prompts = null);
}
