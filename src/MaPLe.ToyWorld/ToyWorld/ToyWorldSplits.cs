namespace MaPLe.ToyWorld;

/// <summary>Proposes base / novel class splits of the toy world.</summary>
public static class ToyWorldSplits
{
    /// <summary>10 base and 10 novel classes over all colours and shapes.</summary>
    public static ToyClassSplit CreateDefault(int seed) => Create(seed, 10, 10);

    /// <summary>
    /// Picks <paramref name="novelCount"/> novel combinations (to hold out of pretraining) and <paramref name="baseCount"/>
    /// other base combinations, each spread as evenly as possible over colours and shapes; each list is sorted by colour,
    /// then shape. Every colour and shape of a novel class keeps partners that are not held out, so pretraining sees it.
    /// </summary>
    /// <param name="seed">Seeds the choice.</param>
    /// <param name="baseCount">Number of base classes (at least 1).</param>
    /// <param name="novelCount">Number of novel classes (at least 1).</param>
    /// <param name="world">Colours and shapes to draw from (default: all).</param>
    /// <exception cref="ArgumentException">The counts do not fit the colours × shapes available.</exception>
    public static ToyClassSplit Create(int seed, int baseCount, int novelCount, ToyWorldOptions? world = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(baseCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(novelCount, 1);
        world = (world ?? new ToyWorldOptions()).Validate();
        int colors = world.Colors.Count, shapes = world.Shapes.Count;
        if (colors < 2 || shapes < 2)
            throw new ArgumentException("A base/novel split needs at least two colours and two shapes, so held-out pairs keep other partners.", nameof(world));
        // Novel combinations may use at most shapes-1 per colour and colors-1 per shape, or some word would only occur held out.
        if (novelCount > (colors - 1) * (shapes - 1) || baseCount + novelCount > colors * shapes)
            throw new ArgumentException(
                $"{baseCount} base + {novelCount} novel classes do not fit {colors} colours × {shapes} shapes " +
                $"(novel at most {(colors - 1) * (shapes - 1)}, total at most {colors * shapes}).", nameof(novelCount));

        var rng = new ToyRandom(ToyRandom.Derive(seed, 0x5B17, 0));
        var pool = ToyColorShape.All(world.Colors, world.Shapes).ToList();
        Shuffle(pool, ref rng);
        var novel = PickBalanced(pool, novelCount, colors, shapes, maxPerColor: shapes - 1, maxPerShape: colors - 1);
        pool.RemoveAll(novel.Contains);
        var @base = PickBalanced(pool, baseCount, colors, shapes, maxPerColor: shapes, maxPerShape: colors);
        return new ToyClassSplit(Sorted(@base), Sorted(novel));
    }

    // Greedy passes with growing per-colour / per-shape caps: a combination skipped for a cap stays skipped until the cap
    // grows, so the choice is as even as the counts allow.
    private static List<ToyColorShape> PickBalanced(List<ToyColorShape> pool, int count, int colors, int shapes, int maxPerColor, int maxPerShape)
    {
        var picked = new List<ToyColorShape>();
        var perColor = new Dictionary<ToyColor, int>();
        var perShape = new Dictionary<ToyShape, int>();
        var colorCap = Math.Min((count + colors - 1) / colors, maxPerColor);
        var shapeCap = Math.Min((count + shapes - 1) / shapes, maxPerShape);
        while (picked.Count < count)
        {
            foreach (var c in pool)
            {
                if (picked.Count == count)
                    break;
                if (picked.Contains(c) || perColor.GetValueOrDefault(c.Color) >= colorCap || perShape.GetValueOrDefault(c.Shape) >= shapeCap)
                    continue;
                picked.Add(c);
                perColor[c.Color] = perColor.GetValueOrDefault(c.Color) + 1;
                perShape[c.Shape] = perShape.GetValueOrDefault(c.Shape) + 1;
            }

            if (picked.Count < count)
            {
                if (colorCap >= maxPerColor && shapeCap >= maxPerShape)
                    throw new ArgumentException($"Could not pick {count} classes spread over the colours and shapes; ask for fewer.", nameof(count));
                colorCap = Math.Min(colorCap + 1, maxPerColor);
                shapeCap = Math.Min(shapeCap + 1, maxPerShape);
            }
        }

        return picked;
    }

    private static void Shuffle(List<ToyColorShape> items, ref ToyRandom rng)
    {
        for (var i = items.Count - 1; i > 0; i--)
        {
            var j = rng.NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    private static ToyColorShape[] Sorted(IEnumerable<ToyColorShape> items) =>
        items.OrderBy(c => c.Color).ThenBy(c => c.Shape).ToArray();
}
