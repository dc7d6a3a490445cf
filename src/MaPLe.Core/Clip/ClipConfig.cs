namespace MaPLe.Clip;

/// <summary>Hyper-parameters of a CLIP ViT image tower, read from its weights.</summary>
/// <param name="Width">Token width (768 for ViT-B).</param>
/// <param name="Layers">Number of residual attention blocks.</param>
/// <param name="Heads">Attention heads (width / 64 in OpenAI CLIP).</param>
/// <param name="PatchSize">Patch side in pixels.</param>
/// <param name="ImageSize">Input resolution in pixels (patch × grid).</param>
public sealed record ClipVisionConfig(int Width, int Layers, int Heads, int PatchSize, int ImageSize)
{
    /// <summary>Patches per side.</summary>
    public int Grid => ImageSize / PatchSize;

    /// <summary>Tokens before prompts: class token plus grid².</summary>
    public int SequenceLength => Grid * Grid + 1;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first inconsistent value.</summary>
    public void Validate()
    {
        if (Width <= 0 || Layers <= 0 || Heads <= 0 || PatchSize <= 0 || ImageSize <= 0)
            throw new ArgumentException($"Vision config has a non-positive value: {this}.");
        if (Width % Heads != 0)
            throw new ArgumentException($"Vision width {Width} is not divisible by {Heads} heads.");
        if (ImageSize % PatchSize != 0)
            throw new ArgumentException($"Vision image size {ImageSize} is not a multiple of patch size {PatchSize}.");
    }
}

/// <summary>Hyper-parameters of a CLIP text tower, read from its weights.</summary>
/// <param name="Width">Token width (512 for ViT-B/16).</param>
/// <param name="Layers">Number of residual attention blocks.</param>
/// <param name="Heads">Attention heads (width / 64 in OpenAI CLIP).</param>
/// <param name="ContextLength">Maximum tokens (77).</param>
/// <param name="VocabularySize">Token embedding rows (49,408).</param>
public sealed record ClipTextConfig(int Width, int Layers, int Heads, int ContextLength, int VocabularySize)
{
    /// <summary>Throws <see cref="ArgumentException"/> naming the first inconsistent value.</summary>
    public void Validate()
    {
        if (Width <= 0 || Layers <= 0 || Heads <= 0 || ContextLength <= 0 || VocabularySize <= 0)
            throw new ArgumentException($"Text config has a non-positive value: {this}.");
        if (Width % Heads != 0)
            throw new ArgumentException($"Text width {Width} is not divisible by {Heads} heads.");
    }
}

/// <summary>A whole CLIP: both towers and the shared embedding width.</summary>
/// <param name="Vision">Image tower.</param>
/// <param name="Text">Text tower.</param>
/// <param name="EmbedDim">Width of the joint embedding space (after the projections).</param>
public sealed record ClipConfig(ClipVisionConfig Vision, ClipTextConfig Text, int EmbedDim)
{
    /// <summary>OpenAI ViT-B/16 shapes (for tests and benchmarks on random weights).</summary>
    public static ClipConfig VitB16 { get; } = new(new ClipVisionConfig(768, 12, 12, 16, 224), new ClipTextConfig(512, 12, 8, 77, 49408), 512);

    /// <summary>OpenAI ViT-B/32 shapes.</summary>
    public static ClipConfig VitB32 { get; } = new(new ClipVisionConfig(768, 12, 12, 32, 224), new ClipTextConfig(512, 12, 8, 77, 49408), 512);

    /// <summary>OpenAI ViT-L/14 shapes.</summary>
    public static ClipConfig VitL14 { get; } = new(new ClipVisionConfig(1024, 24, 16, 14, 224), new ClipTextConfig(768, 12, 12, 77, 49408), 768);

    /// <summary>Validates both towers and the embedding width.</summary>
    public void Validate()
    {
        Vision.Validate();
        Text.Validate();
        if (EmbedDim <= 0)
            throw new ArgumentException($"Embedding width must be positive, got {EmbedDim}.");
    }
}
