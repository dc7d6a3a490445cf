using MaPLe.Clip;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MaPLe.Prompting.Components;

/// <summary>
/// Deep visual prompts of IVLP and VPT: <c>image_encoder.VPT</c> <c>[n, d_vision]</c> appended after the patch tokens
/// (upstream <c>VisionTransformer.VPT</c>) plus the per-block tokens of blocks 1..depth−1. All N(0, 0.02).
/// </summary>
public sealed class VisionPromptTokens : nn.Module
{
    /// <summary>The state-dict prefix of the image tower.</summary>
    public const string Tower = "image_encoder";

    /// <summary>Input-layer tokens appended after the patches.</summary>
    public readonly Parameter VPT;

    /// <summary>Tokens of blocks 1..depth−1.</summary>
    public readonly DeepPromptTokens blocks;

    /// <summary>Creates random prompts for <paramref name="depth"/> ≥ 1 blocks of a tower of <paramref name="width"/>.</summary>
    public VisionPromptTokens(int depth, int tokens, int width) : base(nameof(VisionPromptTokens))
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(depth, 1);
        VPT = new Parameter(normal(0, 0.02, [tokens, width]));
        blocks = new DeepPromptTokens(depth, tokens, width);
        RegisterComponents();
    }

    /// <summary>The tokens under upstream's names, input layer first.</summary>
    public IEnumerable<(string Name, Parameter Parameter)> NamedTokens()
    {
        yield return ($"{Tower}.VPT", VPT);
        foreach (var p in blocks.NamedTokens(Tower))
            yield return p;
    }

    /// <summary>The prompts in the backbone's seam.</summary>
    public VisionPrompts ToVisionPrompts() => new(VPT, blocks.ByBlock());
}
