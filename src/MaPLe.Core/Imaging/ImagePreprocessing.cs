namespace MaPLe.Imaging;

/// <summary>
/// The image preprocessing that belongs to a backbone, as open_clip's <c>create_model_and_transforms</c> returns it with
/// the model: the training transform (random resized crop, flip, normalisation) and the test transform (resize, center
/// crop, normalisation), both at the backbone's input resolution. <c>PromptTuner.Preprocessing</c> is the one training,
/// evaluation and the CLI use.
/// </summary>
public sealed class ImagePreprocessing
{
    /// <summary>Both transforms at <paramref name="resolution"/> with <paramref name="options"/> (CLIP's defaults when null).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="resolution"/> is not positive.</exception>
    /// <exception cref="ArgumentException"><paramref name="options"/> is invalid.</exception>
    public ImagePreprocessing(int resolution, ClipTransformOptions? options = null)
    {
        Train = new ClipTrainTransform(resolution, options);
        Test = new ClipTestTransform(resolution, options);
    }

    /// <summary>The side length N of the images the backbone takes.</summary>
    public int Resolution => Test.Resolution;

    /// <summary>Mean, std, crop and flip settings.</summary>
    public ClipTransformOptions Options => Train.Options;

    /// <summary>Upstream's training transform.</summary>
    public ClipTrainTransform Train { get; }

    /// <summary>Upstream's test transform (deterministic).</summary>
    public ClipTestTransform Test { get; }
}
