using System.Text.RegularExpressions;
using static TorchSharp.torch;

namespace MaPLe.Checkpoints;

/// <summary>The naming conventions CLIP weights come in.</summary>
public enum ClipKeyFormat
{
    /// <summary>OpenAI's <c>clip/model.py</c> state dict (<c>visual.*</c>, <c>transformer.*</c>, ...).</summary>
    OpenAI,
    /// <summary>Hugging Face <c>CLIPModel</c> (<c>vision_model.*</c>, <c>text_model.*</c>, ...).</summary>
    HuggingFace,
}

/// <summary>
/// Converts CLIP state dicts to OpenAI key names (HF q/k/v rows concatenated into <c>in_proj</c>, projection matrices
/// transposed; reference §1.6) and between OpenAI names and this library's module names (text keys under <c>text.</c>).
/// </summary>
public static partial class ClipKeyMap
{
    private static readonly string[] OpenAiMetadataKeys = ["input_resolution", "context_length", "vocab_size"];

    /// <summary>Detects the naming convention of a set of keys.</summary>
    public static ClipKeyFormat Detect(IEnumerable<string> keys) =>
        keys.Any(k => k.StartsWith("text_model.", StringComparison.Ordinal) || k.StartsWith("vision_model.", StringComparison.Ordinal))
            ? ClipKeyFormat.HuggingFace
            : ClipKeyFormat.OpenAI;

    /// <summary>Module name → OpenAI name.</summary>
    public static string ModuleToOpenAi(string key) =>
        key.StartsWith("text.", StringComparison.Ordinal) ? key["text.".Length..] : key;

    /// <summary>
    /// Returns a new dictionary with OpenAI names. Tensors are moved (not copied) where no conversion is needed; the
    /// input dictionary must not be used afterwards. HF position_ids buffers and OpenAI metadata scalars are dropped.
    /// </summary>
    public static Dictionary<string, Tensor> ToOpenAi(Dictionary<string, Tensor> state, out List<string> unexpected)
    {
        unexpected = [];
        var result = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        if (Detect(state.Keys) == ClipKeyFormat.OpenAI)
        {
            foreach (var (k, v) in state)
            {
                if (OpenAiMetadataKeys.Contains(k)) { v.Dispose(); continue; }
                result[k] = v;
            }
            return result;
        }

        var qkv = new Dictionary<string, Tensor?[]>(StringComparer.Ordinal);
        foreach (var (k, v) in state)
        {
            if (k.EndsWith(".position_ids", StringComparison.Ordinal)) { v.Dispose(); continue; }
            var m = QkvRegex().Match(k);
            if (m.Success)
            {
                string target = MapHfPrefix(m.Groups["prefix"].Value) + ".attn.in_proj_" + m.Groups["kind"].Value;
                if (!qkv.TryGetValue(target, out var parts)) qkv[target] = parts = new Tensor?[3];
                parts["qkv".IndexOf(m.Groups["which"].Value[0])] = v;
                continue;
            }
            string? mapped = MapHfKey(k);
            if (mapped is null) { unexpected.Add(k); v.Dispose(); continue; }
            if (k is "text_projection.weight" or "visual_projection.weight")
            {
                result[mapped] = v.t().contiguous();
                v.Dispose();
            }
            else
            {
                result[mapped] = v;
            }
        }
        foreach (var (target, parts) in qkv)
        {
            if (parts.Any(p => p is null))
            {
                unexpected.Add(target + " (incomplete q/k/v set)");
                foreach (var p in parts) p?.Dispose();
                continue;
            }
            result[target] = cat(parts!, 0);
            foreach (var p in parts) p!.Dispose();
        }
        return result;
    }

    private static string? MapHfKey(string k)
    {
        switch (k)
        {
            case "logit_scale": return "logit_scale";
            case "text_model.embeddings.token_embedding.weight": return "token_embedding.weight";
            case "text_model.embeddings.position_embedding.weight": return "positional_embedding";
            case "text_projection.weight": return "text_projection";
            case "vision_model.embeddings.patch_embedding.weight": return "visual.conv1.weight";
            case "vision_model.embeddings.class_embedding": return "visual.class_embedding";
            case "vision_model.embeddings.position_embedding.weight": return "visual.positional_embedding";
            case "visual_projection.weight": return "visual.proj";
        }
        foreach (var (hf, oa) in new[]
                 {
                     ("text_model.final_layer_norm.", "ln_final."),
                     ("vision_model.pre_layrnorm.", "visual.ln_pre."),
                     ("vision_model.post_layernorm.", "visual.ln_post."),
                 })
        {
            if (k.StartsWith(hf, StringComparison.Ordinal)) return oa + k[hf.Length..];
        }
        var m = LayerRegex().Match(k);
        if (!m.Success) return null;
        string rest = m.Groups["rest"].Value switch
        {
            var r when r.StartsWith("layer_norm1.", StringComparison.Ordinal) => "ln_1." + r["layer_norm1.".Length..],
            var r when r.StartsWith("layer_norm2.", StringComparison.Ordinal) => "ln_2." + r["layer_norm2.".Length..],
            var r when r.StartsWith("self_attn.out_proj.", StringComparison.Ordinal) => "attn.out_proj." + r["self_attn.out_proj.".Length..],
            var r when r.StartsWith("mlp.fc1.", StringComparison.Ordinal) => "mlp.c_fc." + r["mlp.fc1.".Length..],
            var r when r.StartsWith("mlp.fc2.", StringComparison.Ordinal) => "mlp.c_proj." + r["mlp.fc2.".Length..],
            _ => "",
        };
        return rest.Length == 0 ? null : MapHfPrefix(m.Groups["prefix"].Value) + "." + rest;
    }

    // "text_model.encoder.layers.3" -> "transformer.resblocks.3"; "vision_model.encoder.layers.3" -> "visual.transformer.resblocks.3"
    private static string MapHfPrefix(string prefix)
    {
        var m = PrefixRegex().Match(prefix);
        string tower = m.Groups["tower"].Value == "vision" ? "visual." : "";
        return $"{tower}transformer.resblocks.{m.Groups["i"].Value}";
    }

    [GeneratedRegex(@"^(?<prefix>(text|vision)_model\.encoder\.layers\.\d+)\.self_attn\.(?<which>[qkv])_proj\.(?<kind>weight|bias)$")]
    private static partial Regex QkvRegex();

    [GeneratedRegex(@"^(?<prefix>(text|vision)_model\.encoder\.layers\.\d+)\.(?<rest>.+)$")]
    private static partial Regex LayerRegex();

    [GeneratedRegex(@"^(?<tower>text|vision)_model\.encoder\.layers\.(?<i>\d+)$")]
    private static partial Regex PrefixRegex();
}
