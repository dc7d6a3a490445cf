using MaPLe.Prompting;
using MaPLe.Tuning;
using MaPLe.Prompting.CoOp;
using MaPLe.Prompting.MaPLe;

namespace MaPLe.Cli.Sweeps;

/// <summary>Ready grids that <c>maple sweep --example NAME</c> prints.</summary>
public static class SweepExamples
{
    /// <summary>The example names.</summary>
    public static IReadOnlyList<string> Names { get; } = [SweepDatasets.ToyWorld];

    /// <summary>The grid text of an example.</summary>
    /// <exception cref="ArgumentException">Unknown example.</exception>
    public static string Get(string name) => name.Trim().ToLowerInvariant() switch
    {
        SweepDatasets.ToyWorld => ToyWorld(),
        _ => throw new ArgumentException($"Unknown --example '{name}'. Known: {string.Join(", ", Names)}."),
    };

    // Method ids come from the method registry (by the methods' options types), so a renamed method renames the
    // example too. CoOp trains 50 epochs (its shortest paper config) as in the QuickStart; MaPLe its
    // 5-epoch base-to-novel config. The four cells take about 3 minutes together on two CPU cores.
    private static string ToyWorld() => $"""
        # A small base-to-novel grid on the built-in toy world (no download): 2 methods x 2 seeds = 4 cells.
        #   maple sweep toyworld.yaml -o runs                      # one spec per cell, index, job.yaml, slurm.sh
        #   for i in 0 1 2 3; do maple run-spec runs --index $i; done    # or several at once, or on a cluster
        #   maple collect runs                                     # the base / novel / HM tables
        name: toyworld
        protocol: base-to-novel
        datasets:
          - name: {SweepDatasets.ToyWorld}
            testPerClass: 50        # generated test images per class
        methods:
          - id: {PromptMethods.For<CoOpOptions>().Id}
            training:
              epochs: 50
          - {PromptMethods.For<MaPLeOptions>().Id}
        seeds: [1, 2]
        shots: 16
        """ + "\n";
}
