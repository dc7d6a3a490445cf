using static TorchSharp.torch;

namespace MaPLe.Clip.Modules;

/// <summary>Where prompt tokens go in a sequence <c>[N, L, d]</c> (upstream's per-layer replacement rules).</summary>
internal static class PromptSplice
{
    /// <summary>Broadcasts <c>[n, d]</c> or <c>[N, n, d]</c> prompts to <c>[N, n, d]</c> in <paramref name="dtype"/>.</summary>
    public static Tensor Expand(Tensor prompt, long batch, ScalarType dtype)
    {
        var p = prompt.dtype == dtype ? prompt : prompt.to(dtype);
        return p.dim() switch
        {
            2 => p.unsqueeze(0).expand(batch, -1, -1),
            3 when p.shape[0] == batch => p,
            3 when p.shape[0] == 1 => p.expand(batch, -1, -1),
            _ => throw new ArgumentException($"Prompt tokens must be [n, d] or [{batch}, n, d]; got [{string.Join(", ", p.shape)}]."),
        };
    }

    /// <summary>Vision rule: the last n tokens are replaced.</summary>
    public static Tensor ReplaceLast(Tensor x, Tensor prompt)
    {
        var p = Expand(prompt, x.shape[0], x.dtype);
        long n = p.shape[1];
        return cat([x[.., ..(int)(x.shape[1] - n)], p], 1);
    }

    /// <summary>Text rule: positions 1..n (right after the start token) are replaced.</summary>
    public static Tensor ReplaceAfterFirst(Tensor x, Tensor prompt)
    {
        var p = Expand(prompt, x.shape[0], x.dtype);
        long n = p.shape[1];
        return cat([x[.., ..1], p, x[.., (int)(1 + n)..]], 1);
    }
}
