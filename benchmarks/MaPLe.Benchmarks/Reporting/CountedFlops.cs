using TorchSharp;

namespace MaPLe.Benchmarks.Reporting;

/// <summary>
/// The one place the benchmarks count operations: runs a piece of work with a <see cref="FlopCounter"/> attached to the
/// model it runs and returns the forward plus backward matrix-product operations it recorded.
/// </summary>
internal static class CountedFlops
{
    /// <summary>
    /// Runs <paramref name="work"/> once with <see cref="FlopCounter"/> attached to <paramref name="model"/> and returns
    /// the operations of its matrix products plus those autograd will spend on the gradients its recorded graph requires
    /// (so a forward pass is enough to count a training step).
    /// </summary>
    public static long Total(torch.nn.Module model, Action work)
    {
        ArgumentNullException.ThrowIfNull(work);
        using var counter = FlopCounter.Attach(model);
        work();
        return counter.TotalFlops;
    }

    /// <summary>Counts <paramref name="work"/> on <paramref name="model"/> (see <see cref="Total"/>) and records it as one invocation of <paramref name="benchmark"/>'s case.</summary>
    public static void Record(object benchmark, torch.nn.Module model, Action work)
    {
        FlopsLedger.Record(benchmark, Total(model, work));
    }
}
