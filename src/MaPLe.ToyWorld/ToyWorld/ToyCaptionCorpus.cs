using System.Collections;
using MaPLe.Imaging;

namespace MaPLe.ToyWorld;

/// <summary>
/// Image-caption pairs for contrastive pretraining, addressable by index and rendered on demand: pair <c>i</c> of a
/// seed is always the same, and any pair can be produced alone (so data loaders can shuffle and parallelise freely).
/// Held-out colour × shape combinations never appear as the main shape. Thread-safe.
/// </summary>
public sealed class ToyCaptionCorpus : IReadOnlyList<ToyCaptionedImage>
{
    /// <summary>Creates a corpus of <paramref name="count"/> pairs.</summary>
    /// <param name="seed">World seed.</param>
    /// <param name="count">Number of pairs (the corpus is virtual: a large count costs nothing).</param>
    /// <param name="options">Sampling and rendering options (default: <c>new ToyWorldOptions()</c>).</param>
    /// <param name="holdout">Combinations never shown, e.g. <see cref="ToyClassSplit.Holdout"/>.</param>
    /// <exception cref="ArgumentException">Invalid options or nothing left to sample.</exception>
    public ToyCaptionCorpus(int seed, int count, ToyWorldOptions? options = null, IEnumerable<ToyColorShape>? holdout = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        Sampler = new ToySceneSampler(seed, options, holdout);
        Count = count;
    }

    /// <summary>The sampler behind the corpus (its seed, options, combinations and holdout).</summary>
    public ToySceneSampler Sampler { get; }

    /// <summary>Number of pairs.</summary>
    public int Count { get; }

    /// <summary>Pair <paramref name="index"/>: scene, caption and rendered image.</summary>
    public ToyCaptionedImage this[int index] => new(index, GetScene(index), GetCaption(index), GetImage(index));

    /// <summary>The scene of pair <paramref name="index"/> (cheap; nothing is rendered).</summary>
    public ToyScene GetScene(int index) => Sampler.Sample(CheckIndex(index));

    /// <summary>The caption of pair <paramref name="index"/>.</summary>
    public string GetCaption(int index) => GetCaption(index, 0);

    /// <summary>
    /// Alternative caption number <paramref name="variant"/> for the image of pair <paramref name="index"/> (variant 0
    /// is <see cref="GetCaption(int)"/>): lets training draw a fresh wording of the same image every epoch.
    /// </summary>
    public string GetCaption(int index, int variant)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(variant);
        var seed = ToyRandom.Combine(ToyRandom.Derive(Sampler.Seed, ToyRandom.CaptionStream, CheckIndex(index)), (ulong)variant);
        return ToyCaptioner.Describe(GetScene(index), seed);
    }

    /// <summary>Renders the image of pair <paramref name="index"/>.</summary>
    public RgbImage GetImage(int index) => ToyRenderer.RenderCached(GetScene(index), Sampler.Options);

    /// <inheritdoc/>
    public IEnumerator<ToyCaptionedImage> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
            yield return this[i];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private int CheckIndex(int index)
    {
        if ((uint)index >= (uint)Count)
            throw new ArgumentOutOfRangeException(nameof(index), index, $"The corpus holds {Count} pairs.");
        return index;
    }
}
