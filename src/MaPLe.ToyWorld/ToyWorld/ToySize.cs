namespace MaPLe.ToyWorld;

/// <summary>How large the main shape is relative to the image.</summary>
public enum ToySize
{
    /// <summary>"small": radius about 13% of the image side.</summary>
    Small,
    /// <summary>"medium": radius about 20% of the image side.</summary>
    Medium,
    /// <summary>"large": radius about 28% of the image side.</summary>
    Large,
}
