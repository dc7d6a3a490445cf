using MaPLe.Checkpoints;

namespace MaPLe.Clip;

/// <summary>
/// Infers a <see cref="ClipConfig"/> from tensor shapes under OpenAI names, as upstream's <c>build_model</c> does: widths,
/// layer counts, patch, grid, context length and vocabulary all come from the weights; heads = width / 64 unless the file's
/// metadata says otherwise (<c>vision_heads</c>, <c>text_heads</c>).
/// </summary>
public static class ClipConfigInference
{
    /// <summary>Infers the architecture from OpenAI-named shapes.</summary>
    /// <exception cref="ClipWeightsException">A key the inference needs is missing or malformed.</exception>
    public static ClipConfig Infer(IReadOnlyDictionary<string, long[]> shapes, string source, IReadOnlyDictionary<string, string>? metadata = null)
    {
        long[] Need(string key, int rank)
        {
            if (!shapes.TryGetValue(key, out var s))
                throw new ClipWeightsException(source, [key], [], [], "Cannot infer the architecture.");
            if (s.Length != rank)
                throw new ClipWeightsException(source, [], [], [$"{key}: expected rank {rank}, got [{string.Join(", ", s)}]"], "Cannot infer the architecture.");
            return s;
        }

        if (!shapes.ContainsKey("visual.proj"))
            throw new ClipWeightsException(source, ["visual.proj"], [], [],
                "Only ViT CLIP models are supported (MaPLe's vision prompts need a transformer image tower; ResNet CLIPs have no visual.proj).");

        var conv = Need("visual.conv1.weight", 4);
        int vWidth = (int)conv[0];
        int patch = (int)conv[^1];
        int vLayers = CountLayers(shapes.Keys, "visual.transformer.resblocks.");
        long vTokens = Need("visual.positional_embedding", 2)[0];
        int grid = (int)Math.Round(Math.Sqrt(vTokens - 1));
        if (grid * grid + 1 != vTokens)
            throw new ClipWeightsException(source, [], [], [$"visual.positional_embedding: {vTokens} rows is not grid²+1"]);

        var textProj = Need("text_projection", 2);
        int embed = (int)textProj[1];
        int context = (int)Need("positional_embedding", 2)[0];
        int vocab = (int)Need("token_embedding.weight", 2)[0];
        int tWidth = (int)Need("ln_final.weight", 1)[0];
        int tLayers = CountLayers(shapes.Keys, "transformer.resblocks.");

        int vHeads = HeadsFrom(metadata, "vision_heads", vWidth);
        int tHeads = HeadsFrom(metadata, "text_heads", tWidth);
        var config = new ClipConfig(
            new ClipVisionConfig(vWidth, vLayers, vHeads, patch, patch * grid),
            new ClipTextConfig(tWidth, tLayers, tHeads, context, vocab),
            embed);
        try
        {
            config.Validate();
        }
        catch (ArgumentException e)
        {
            // The shapes (or the heads recorded in the metadata) describe no valid CLIP: the file is at fault, not the caller.
            throw new ClipWeightsException(source, [], [], [], e.Message);
        }
        return config;
    }

    private static int HeadsFrom(IReadOnlyDictionary<string, string>? metadata, string key, int width) =>
        metadata is not null && metadata.TryGetValue(key, out var s) && int.TryParse(s, out int h) && h > 0
            ? h
            : Math.Max(1, width / 64);

    private static int CountLayers(IEnumerable<string> keys, string prefix) =>
        keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal))
            .Select(k => k[prefix.Length..].Split('.')[0])
            .Where(s => int.TryParse(s, out _))
            .Distinct()
            .Count();
}
