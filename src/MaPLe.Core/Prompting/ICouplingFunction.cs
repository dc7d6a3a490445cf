using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MaPLe.Prompting;

/// <summary>
/// MaPLe's text→vision coupling: maps text prompt tokens <c>[n, d_text]</c> of a prompt depth (0 = the input layer) to
/// vision prompt tokens <c>[n, d_vision]</c>. Widths come from the backbone.
/// </summary>
public interface ICouplingFunction
{
    /// <summary>Text width.</summary>
    int TextWidth { get; }

    /// <summary>Vision width.</summary>
    int VisionWidth { get; }

    /// <summary>Maps the text prompts of <paramref name="depth"/> (0 ≤ depth &lt; J) to vision prompts.</summary>
    Tensor Map(Tensor textPrompts, int depth);

    /// <summary>Learnable parameters with their official state-dict names.</summary>
    IEnumerable<(string Name, Parameter Parameter)> NamedParameters();
}
