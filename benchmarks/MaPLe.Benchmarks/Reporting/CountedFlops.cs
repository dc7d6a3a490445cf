namespace MaPLe.Benchmarks.Reporting;

/// <summary>
/// The one place the benchmarks count operations: runs a piece of work under MaPLe.Core's FLOP counter and returns the
/// forward plus backward matrix-product operations it recorded.
/// </summary>
internal static class CountedFlops
{
    /// <summary>
    /// Runs <paramref name="work"/> once and returns the operations of its matrix products plus those autograd will
    /// spend on the gradients its recorded graph requires (so a forward pass is enough to count a training step), or null
    /// where this build of MaPLe.Core cannot count.
    /// </summary>
    public static long? Total(Action work)
    {
        // MaPLe.Clip.FlopCounter is not in MaPLe.Core yet: run the work (it doubles as a warm-up) and report no count.
        // When it lands: using var counter = MaPLe.Clip.FlopCounter.Start(); work(); return counter.TotalFlops;
        work();
        return null;
    }

    /// <summary>Counts <paramref name="work"/> (see <see cref="Total"/>) and records it as one invocation of <paramref name="benchmark"/>'s case.</summary>
    public static void Record(object benchmark, Action work)
    {
        if (Total(work) is { } flops) FlopsLedger.Record(benchmark, flops);
    }
}
