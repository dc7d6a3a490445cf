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
        var tensors = ToOpenAiStateDict(model)
            .OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => KeyValuePair.Create(kv.Key, kv.Value.detach().to(dtype).cpu()));
        SafeTensors.Save(path, tensors, Metadata(model.Config, metadata));
    }

    /// <summary>
    /// Converts any CLIP weights <see cref="ClipBackbone.Load"/> reads (OpenAI's TorchScript <c>.pt</c>, a <c>torch.save</c>
    /// state dict, Hugging Face or OpenAI safetensors) to OpenAI-named safetensors at <paramref name="destination"/>,
    /// atomically. Each tensor keeps its stored dtype (OpenAI's archives mix F16 and F32), so the values are bit for bit
    /// those of the source, unless <paramref name="dtype"/> asks for one dtype. Returns the architecture read.
    /// </summary>
    /// <exception cref="MalformedFileException">The source is malformed or not a CLIP (the message names the keys).</exception>
    public static ClipConfig Convert(string source, string destination, ScalarType? dtype = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(destination);
        if (Path.GetFullPath(source) == Path.GetFullPath(destination))
            throw new ArgumentException($"Converting '{source}' onto itself: choose another output file.", nameof(destination));
        ClipConfig config;
        using (var check = ClipBackbone.Load(source))   // the whole CLIP, validated before anything is written
            config = check.Config;
        using var scope = NewDisposeScope();
        Dictionary<string, Tensor> state;
        if (Checkpoints.PyTorch.PyTorchFile.IsPyTorchFile(source))
        {
            state = Checkpoints.PyTorch.PyTorchFile.LoadStateDict(source);
        }
        else
        {
            using var file = SafeTensorsFile.Open(source);
            state = file.ReadAll();
        }
        var openAi = ClipKeyMap.ToOpenAi(state, out _);
        SafeTensors.Save(destination, openAi.Select(kv => KeyValuePair.Create(kv.Key, dtype is { } d ? kv.Value.to(d) : kv.Value)), Metadata(config, null));
        return config;
    }

    // Head counts go into the metadata so models with heads != width/64 load back correctly.
    private static Dictionary<string, string> Metadata(ClipConfig config, IReadOnlyDictionary<string, string>? extra) =>
        new(extra ?? new Dictionary<string, string>())
        {
            ["format"] = "pt",
            ["vision_heads"] = config.Vision.Heads.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["text_heads"] = config.Text.Heads.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
}
