namespace MaPLe.ToyWorld;

/// <summary>
/// The colour response of the camera that "photographs" the toy world: a luma-preserving hue rotation and a saturation
/// change applied to every rendered pixel. The default camera changes nothing; a shifted camera gives a downstream domain
/// whose colours differ from those the tiny CLIP was pretrained on — the kind of gap (like satellite or texture images for
/// real CLIP) that few-shot prompt learning is meant to close.
/// </summary>
/// <param name="HueShiftDegrees">Hue rotation in degrees, −180 to 180.</param>
/// <param name="Saturation">Saturation factor, 0 (grey) to 2; 1 keeps it.</param>
public sealed record ToyCamera(double HueShiftDegrees = 0, double Saturation = 1)
{
    /// <summary>The pretraining camera: pixels unchanged.</summary>
    public static ToyCamera Neutral { get; } = new();

    /// <summary>The QuickStart's downstream camera: hue rotated by 35°, saturation halved.</summary>
    public static ToyCamera Shifted { get; } = new(35, 0.5);

    /// <summary>Whether the camera changes pixels at all.</summary>
    public bool IsNeutral => HueShiftDegrees == 0 && Saturation == 1;

    /// <summary>Adds a problem for each value out of range.</summary>
    public void Validate(List<string> problems)
    {
        if (HueShiftDegrees is < -180 or > 180 || double.IsNaN(HueShiftDegrees))
            problems.Add($"Camera.{nameof(HueShiftDegrees)} is {HueShiftDegrees}, must be between -180 and 180");
        if (Saturation is < 0 or > 2 || double.IsNaN(Saturation))
            problems.Add($"Camera.{nameof(Saturation)} is {Saturation}, must be between 0 and 2");
    }

    /// <summary>Applies the colour response in place to HWC RGB bytes.</summary>
    public void Apply(Span<byte> rgb)
    {
        if (IsNeutral) return;
        // Hue rotation about the grey axis with Rec. 601 luma weights (the classic SVG/CSS hue-rotate matrix).
        double a = HueShiftDegrees * Math.PI / 180, c = Math.Cos(a), s = Math.Sin(a);
        double m00 = 0.213 + c * 0.787 - s * 0.213, m01 = 0.715 - c * 0.715 - s * 0.715, m02 = 0.072 - c * 0.072 + s * 0.928;
        double m10 = 0.213 - c * 0.213 + s * 0.143, m11 = 0.715 + c * 0.285 + s * 0.140, m12 = 0.072 - c * 0.072 - s * 0.283;
        double m20 = 0.213 - c * 0.213 - s * 0.787, m21 = 0.715 - c * 0.715 + s * 0.715, m22 = 0.072 + c * 0.928 + s * 0.072;
        for (int i = 0; i + 2 < rgb.Length; i += 3)
        {
            double r = rgb[i], g = rgb[i + 1], b = rgb[i + 2];
            double y = 0.299 * r + 0.587 * g + 0.114 * b;
            double nr = m00 * r + m01 * g + m02 * b, ng = m10 * r + m11 * g + m12 * b, nb = m20 * r + m21 * g + m22 * b;
            rgb[i] = ToByte(y + Saturation * (nr - y));
            rgb[i + 1] = ToByte(y + Saturation * (ng - y));
            rgb[i + 2] = ToByte(y + Saturation * (nb - y));
        }
    }

    private static byte ToByte(double v) => (byte)Math.Clamp(Math.Round(v), 0, 255);
}
