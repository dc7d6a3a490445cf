namespace MaPLe.Cli.Sweeps;

/// <summary>Where a cell stands.</summary>
public enum CellState
{
    /// <summary>Finished: <c>result.json</c> is there.</summary>
    Done,

    /// <summary>A worker holds its lock now.</summary>
    Running,

    /// <summary>Its last run failed (<c>failure.json</c>) and no worker runs it now.</summary>
    Failed,

    /// <summary>Not run yet (or killed before it wrote anything but a checkpoint).</summary>
    Missing,
}

/// <summary>One cell of a runs folder as <c>maple collect</c> finds it.</summary>
/// <param name="Spec">The cell's spec.</param>
/// <param name="State">Done, running, failed or missing.</param>
/// <param name="Result">The result when done.</param>
/// <param name="Failure">The last failure, when there is one.</param>
public sealed record CellStatus(RunSpec Spec, CellState State, CellResult? Result, CellFailure? Failure)
{
    /// <summary>Reads every cell of a runs folder, in index order.</summary>
    public static IReadOnlyList<CellStatus> ReadAll(string runs, SweepIndex index) => index.Cells.Select(id =>
    {
        string folder = SweepIndex.CellFolder(runs, id);
        var spec = RunSpec.Read(Path.Combine(folder, CellFiles.Spec));
        var result = CellResult.TryRead(Path.Combine(folder, CellFiles.Result));
        var failure = CellFailure.TryRead(Path.Combine(folder, CellFiles.Failure));
        var state = result is not null ? CellState.Done
            : CellLock.IsHeld(folder) ? CellState.Running
            : failure is not null ? CellState.Failed
            : CellState.Missing;
        return new CellStatus(spec, state, result, failure);
    }).ToList();

    /// <summary>The state as written in tables.</summary>
    public static string Name(CellState state) => state.ToString().ToLowerInvariant();
}
