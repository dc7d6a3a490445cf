using System.Text.Json.Serialization;

namespace MaPLe.Prompting;

/// <summary>Where CoOp-style learners (CoOp, ProGrad) put the class name relative to the learned context (CLASS_TOKEN_POSITION).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ClassTokenPosition>))]
public enum ClassTokenPosition
{
    /// <summary><c>[SOT] ctx… class . [EOT]</c> (the default).</summary>
    End,

    /// <summary><c>[SOT] ctx[:n/2] class ctx[n/2:] . [EOT]</c>.</summary>
    Middle,

    /// <summary><c>[SOT] class ctx… . [EOT]</c>.</summary>
    Front,
}
