namespace MaPLe.Tests.TestSupport;

/// <summary>The tiny CLIP and vocabulary committed under samples/assets (made by samples/PretrainTinyClip).</summary>
public static class SampleAssets
{
    /// <summary>samples/assets.</summary>
    public static string Dir => Path.Combine(Fixtures.RepoRoot, "samples", "assets");

    /// <summary>The tiny CLIP weights.</summary>
    public static string Weights => Path.Combine(Dir, "toyclip.safetensors");

    /// <summary>Its BPE vocabulary.</summary>
    public static string Vocabulary => Path.Combine(Dir, "toyclip-vocab.txt.gz");
}
