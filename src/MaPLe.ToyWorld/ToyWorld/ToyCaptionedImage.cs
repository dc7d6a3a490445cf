using MaPLe.Imaging;

namespace MaPLe.ToyWorld;

/// <summary>One image-caption pair of a <see cref="ToyCaptionCorpus"/>.</summary>
/// <param name="Index">Index in the corpus.</param>
/// <param name="Scene">The scene that was rendered and described.</param>
/// <param name="Caption">The caption.</param>
/// <param name="Image">The rendered image.</param>
public sealed record ToyCaptionedImage(int Index, ToyScene Scene, string Caption, RgbImage Image);
