using MaPLe.Checkpoints;
using MaPLe.Clip.Modules;
using static TorchSharp.torch;

namespace MaPLe.Clip;

/// <summary>Writes CLIP weights as safetensors with OpenAI key names (what <see cref="ClipBackbone.Load"/> reads).</summary>
public static class ClipWeights
{
    /// <summary>The model's tensors under OpenAI names (views of the module's parameters; do not dispose them).</summary>
    public static Dictionary<string, Tensor> ToOpenAiStateDict(ClipModel model) =>
        model.state_dict().ToDictionary(kv => ClipKeyMap.ModuleToOpenAi(kv.Key), kv => kv.Value, StringComparer.Ordinal);

    /// <summary>
    /// Saves <paramref name="model"/> to <paramref name="path"/> in <paramref name="dtype"/> (float16 by default, as OpenAI
    /// ships CLIP), atomically. Head counts go into the metadata so models with heads ≠ width/64 load back correctly.
    /// </summary>
    public static void Save(ClipModel model, string path, ScalarType dtype = ScalarType.Float16, IReadOnlyDictionary<string, string>? metadata = null)
    {
        using var scope = NewDisposeScope();
        var meta = new Dictionary<string, string>(metadata ?? new Dictionary<string, string>())
        {
            ["format"] = "pt",
            ["vision_heads"] = model.Config.Vision.Heads.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["text_heads"] = model.Config.Text.Heads.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        var tensors = ToOpenAiStateDict(model)
            .OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => KeyValuePair.Create(kv.Key, kv.Value.detach().to(dtype).cpu()));
        SafeTensors.Save(path, tensors, meta);
    }
}
