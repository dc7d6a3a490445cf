namespace MaPLe.Data.Sampling;

/// <summary>A sampled few-shot training and validation list (upstream's <c>shot_{K}-seed_{seed}.pkl</c> content).</summary>
/// <param name="Shots">K, the shots per class.</param>
/// <param name="Seed">The seed the lists were drawn with.</param>
/// <param name="Train">The K-shot training items.</param>
/// <param name="Val">The min(K,4)-shot validation items (or the whole validation set where it is not sampled).</param>
public sealed record FewShotSplit(int Shots, int Seed, IReadOnlyList<ImageItem> Train, IReadOnlyList<ImageItem> Val);
