namespace MaPLe.Data.Loading;

/// <summary>An image <see cref="ImageBatchLoader"/> left out under <see cref="BrokenImagePolicy.Skip"/>.</summary>
/// <param name="Item">The item.</param>
/// <param name="Index">Its index in the loader's item list.</param>
/// <param name="Epoch">The epoch in which it failed.</param>
/// <param name="Reason">Why it could not be used (the decoder's message).</param>
public sealed record SkippedImage(ImageItem Item, int Index, int Epoch, string Reason);
