using System.Globalization;

namespace MaPLe.Cli.Sweeps;

/// <summary>
/// Expands a grid into its cells, in a stable order (dataset, method, shots, seed — as the grid lists them), each with a
/// readable id: <c>&lt;b2n|xd|dg&gt;/&lt;dataset&gt;/&lt;method&gt;[/shots&lt;K&gt;]/seed&lt;S&gt;</c> (the shots segment
/// only when the grid has several shot counts). The same grid always gives the same ids and indices.
/// </summary>
public static class SweepPlanner
{
    /// <summary>The cells of <paramref name="grid"/> running on <paramref name="device"/> (cpu or cuda).</summary>
    public static IReadOnlyList<RunSpec> Plan(SweepGrid grid, string device)
    {
        ArgumentNullException.ThrowIfNull(grid);
        var cells = new List<RunSpec>();
        foreach (var dataset in grid.Datasets)
            foreach (var method in grid.Methods)
                foreach (int shots in grid.Shots)
                    foreach (int seed in grid.Seeds)
                    {
                        string id = CellId(grid, dataset.Name, method.Name, shots, seed);
                        cells.Add(new RunSpec
                        {
                            Id = id, Index = cells.Count, Grid = grid.Name, Protocol = SweepProtocols.Name(grid.Protocol),
                            MethodName = method.Name, Method = method.Options.Method,
                            Options = MethodOverrides.ToJson(method.Options),
                            Training = method.Training is null ? null : TrainingOverrides.ToJson(method.Training),
                            Seed = seed, Shots = shots, Dataset = dataset, Targets = grid.Targets,
                            Weights = grid.Weights, Vocabulary = grid.Vocabulary, Device = device, DType = grid.DType,
                        });
                    }
        return cells;
    }

    /// <summary>The id of one cell.</summary>
    public static string CellId(SweepGrid grid, string dataset, string method, int shots, int seed)
    {
        string shotSegment = grid.Shots.Count > 1 ? string.Create(CultureInfo.InvariantCulture, $"/shots{(shots < 0 ? "all" : shots.ToString(CultureInfo.InvariantCulture))}") : "";
        return string.Create(CultureInfo.InvariantCulture, $"{SweepProtocols.Short(grid.Protocol)}/{dataset}/{method}{shotSegment}/seed{seed}");
    }
}
