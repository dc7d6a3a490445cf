using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MaPLe.Prompting.MaPLe;

/// <summary>MaPLe†: one linear map d_text → d_vision shared by every prompt depth (stored as <c>prompt_learner.proj</c>).</summary>
public sealed class SharedLinearCoupling : nn.Module, ICouplingFunction
{
    /// <summary>The shared projection.</summary>
    public readonly Linear proj;

    /// <summary>Creates the shared coupling.</summary>
    public SharedLinearCoupling(int textWidth, int visionWidth) : base(nameof(SharedLinearCoupling))
    {
        TextWidth = textWidth;
        VisionWidth = visionWidth;
        proj = nn.Linear(textWidth, visionWidth);
        RegisterComponents();
    }

    /// <inheritdoc />
    public int TextWidth { get; }

    /// <inheritdoc />
    public int VisionWidth { get; }

    /// <inheritdoc />
    public Tensor Map(Tensor textPrompts, int depth) => proj.forward(textPrompts);

    /// <inheritdoc />
    public IEnumerable<(string Name, Parameter Parameter)> NamedParameters()
    {
        yield return ("prompt_learner.proj.weight", proj.weight!);
        yield return ("prompt_learner.proj.bias", proj.bias!);
    }
}
