namespace MaPLe.Checkpoints;

/// <summary>
/// Thrown when CLIP weights do not fit the model: lists every missing, unexpected and wrong-shaped key at once.
/// </summary>
public sealed class ClipWeightsException : MalformedFileException
{
    /// <summary>Creates the exception.</summary>
    public ClipWeightsException(string source, IReadOnlyList<string> missing, IReadOnlyList<string> unexpected, IReadOnlyList<string> wrongShape, string? extra = null)
        : base(BuildMessage(source, missing, unexpected, wrongShape, extra), source, extra ?? "the keys do not match the model",
               missing.Concat(unexpected).Concat(wrongShape).FirstOrDefault(), null)
    {
        WeightsSource = source;
        Missing = missing;
        Unexpected = unexpected;
        WrongShape = wrongShape;
    }

    /// <summary>The weights file or description (the same as <see cref="MalformedFileException.FilePath"/>).</summary>
    public string WeightsSource { get; }

    /// <summary>Keys the model needs that the weights lack (OpenAI names).</summary>
    public IReadOnlyList<string> Missing { get; }

    /// <summary>Keys in the weights the model does not know.</summary>
    public IReadOnlyList<string> Unexpected { get; }

    /// <summary>"key: expected [..], got [..]" entries.</summary>
    public IReadOnlyList<string> WrongShape { get; }

    private static string BuildMessage(string source, IReadOnlyList<string> missing, IReadOnlyList<string> unexpected, IReadOnlyList<string> wrongShape, string? extra)
    {
        var parts = new List<string> { $"CLIP weights '{source}' do not match the model." };
        if (extra is not null) parts.Add(extra);
        if (missing.Count > 0) parts.Add($"Missing keys ({missing.Count}): {string.Join(", ", missing.Take(20))}{(missing.Count > 20 ? ", ..." : "")}.");
        if (unexpected.Count > 0) parts.Add($"Unexpected keys ({unexpected.Count}): {string.Join(", ", unexpected.Take(20))}{(unexpected.Count > 20 ? ", ..." : "")}.");
        if (wrongShape.Count > 0) parts.Add($"Wrong shapes ({wrongShape.Count}): {string.Join("; ", wrongShape.Take(20))}.");
        parts.Add("Pass an OpenAI CLIP state dict or a Hugging Face CLIPModel checkpoint converted to safetensors.");
        return string.Join(" ", parts);
    }
}
