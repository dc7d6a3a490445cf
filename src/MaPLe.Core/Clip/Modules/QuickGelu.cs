using TorchSharp;
using static TorchSharp.torch;

namespace MaPLe.Clip.Modules;

/// <summary>OpenAI CLIP's activation: <c>x · sigmoid(1.702 x)</c> (not the exact GELU).</summary>
public sealed class QuickGelu : nn.Module<Tensor, Tensor>
{
    /// <summary>Creates the activation.</summary>
    public QuickGelu() : base(nameof(QuickGelu)) { }

    /// <inheritdoc />
    public override Tensor forward(Tensor x) => x * torch.sigmoid(x * 1.702);
}
