namespace MaPLe.Data.Loading;

/// <summary>What <see cref="ImageBatchLoader"/> does with an image that cannot be read or decoded.</summary>
public enum BrokenImagePolicy
{
    /// <summary>Throw an <see cref="Imaging.ImageDecodeException"/> naming the file when its batch is reached (default).</summary>
    FailFast,

    /// <summary>
    /// Leave the image out of its batch (the batch gets smaller; an all-broken batch is not yielded), record it in
    /// <see cref="ImageBatchLoader.Skipped"/> and raise <see cref="ImageBatchLoader.ImageSkipped"/>. Never substitutes a
    /// placeholder image.
    /// </summary>
    Skip,
}
