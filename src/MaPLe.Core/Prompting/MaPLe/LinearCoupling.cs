using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MaPLe.Prompting.MaPLe;

/// <summary>
/// MaPLe's coupling: a linear map d_text → d_vision per prompt depth — <c>proj</c> for the input layer and
/// <c>compound_prompt_projections[i]</c> for deeper ones. As upstream (<c>_get_clones</c> deep-copies one Linear), every deep
/// projection starts with identical weights.
/// </summary>
public sealed class LinearCoupling : nn.Module, ICouplingFunction
{
    /// <summary>Input-layer projection.</summary>
    public readonly Linear proj;

    /// <summary>Projections of depths 1..J-1.</summary>
    public readonly ModuleList<Linear> compound_prompt_projections;

    /// <summary>Creates the coupling for prompt depth <paramref name="depth"/>.</summary>
    public LinearCoupling(int textWidth, int visionWidth, int depth) : base(nameof(LinearCoupling))
    {
        TextWidth = textWidth;
        VisionWidth = visionWidth;
        proj = nn.Linear(textWidth, visionWidth);
        compound_prompt_projections = new ModuleList<Linear>();
        if (depth > 1)
        {
            var template = nn.Linear(textWidth, visionWidth);
            for (int i = 0; i < depth - 1; i++)
            {
                var clone = nn.Linear(textWidth, visionWidth);
                using (no_grad())
                {
                    clone.weight!.copy_(template.weight!);
                    clone.bias!.copy_(template.bias!);
                }
                compound_prompt_projections.Add(clone);
            }
            template.Dispose();
        }
        RegisterComponents();
    }

    /// <inheritdoc />
    public int TextWidth { get; }

    /// <inheritdoc />
    public int VisionWidth { get; }

    /// <inheritdoc />
    public Tensor Map(Tensor textPrompts, int depth) =>
        depth == 0 ? proj.forward(textPrompts) : compound_prompt_projections[depth - 1].forward(textPrompts);

    /// <inheritdoc />
    public IEnumerable<(string Name, Parameter Parameter)> NamedParameters()
    {
        yield return ("prompt_learner.proj.weight", proj.weight!);
        yield return ("prompt_learner.proj.bias", proj.bias!);
        for (int i = 0; i < compound_prompt_projections.Count; i++)
        {
            yield return ($"prompt_learner.compound_prompt_projections.{i}.weight", compound_prompt_projections[i].weight!);
            yield return ($"prompt_learner.compound_prompt_projections.{i}.bias", compound_prompt_projections[i].bias!);
        }
    }
}
