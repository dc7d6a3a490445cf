using MaPLe.Clip;

namespace MaPLe.Benchmarks.Reporting;

/// <summary>
/// The one place the benchmarks count operations: runs a piece of work under MaPLe.Core's FLOP counter and returns the
/// forward plus backward matrix-product operations it recorded.
/// </summary>
internal static class CountedFlops
{
    /// <summary>
    /// Runs <paramref name="work"/> once under <see cref="FlopCounter"/> and returns the operations of its matrix products
    /// plus those autograd will spend on the gradients its recorded graph requires (so a forward pass is enough to count
    /// a training step).
    /// </summary>
    public static long Total(Action work)
    {
        using var counter = FlopCounter.Start();
        work();
        return counter.TotalFlops;
    }

    /// <summary>Counts <paramref name="work"/> (see <see cref="Total"/>) and records it as one invocation of <paramref name="benchmark"/>'s case.</summary>
    public static void Record(object benchmark, Action work)
    {
        FlopsLedger.Record(benchmark, Total(work));
    }
}
