using MaPLe.Evaluation;

namespace MaPLe.Cli.Sweeps;

/// <summary>One results table: a row per method, named columns, each column one dataset's metric.</summary>
/// <param name="Key">Machine name (<c>b2n-eurosat</c>, <c>b2n-average</c>, <c>cross-dataset</c>, <c>methods</c>).</param>
/// <param name="Title">Heading.</param>
/// <param name="Columns">Column headings.</param>
/// <param name="Datasets">The dataset of each column (CSV/JSON).</param>
/// <param name="Metrics">The metric of each column: base, novel, hm, accuracy, delta-hm, delta-accuracy.</param>
/// <param name="Rows">Method name and one value per column.</param>
public sealed record SweepTable(string Key, string Title, IReadOnlyList<string> Columns, IReadOnlyList<string> Datasets,
    IReadOnlyList<string> Metrics, IReadOnlyList<(string Method, IReadOnlyList<TableValue> Values)> Rows);

/// <summary>
/// The papers' tables from a sweep's cells. Base-to-novel: one table per dataset (Base, Novel, HM) and the average over
/// datasets; cross-dataset and domain generalization: source, each target and the target average. Accuracies are mean
/// ± sample std over seeds; HM is taken of the mean base and novel accuracies, as the papers do. A comparison of the
/// methods against the first one closes each set.
/// </summary>
public static class SweepTables
{
    /// <summary>Builds every table of the sweep, per shot count.</summary>
    public static IReadOnlyList<SweepTable> Build(SweepIndex index, IReadOnlyList<CellStatus> cells)
    {
        var tables = new List<SweepTable>();
        foreach (int shots in index.Shots)
        {
            string suffix = index.Shots.Count > 1 ? $" ({shots} shots)" : "";
            string keySuffix = index.Shots.Count > 1 ? $"-shots{shots}" : "";
            var group = cells.Where(c => c.Spec.Shots == shots).ToList();
            if (index.Protocol == SweepProtocols.Name(SweepProtocol.BaseToNovel))
                tables.AddRange(BaseToNovel(index, group, suffix, keySuffix));
            else
                tables.AddRange(Transfer(index, group, suffix, keySuffix));
        }
        return tables;
    }

    private static IEnumerable<SweepTable> BaseToNovel(SweepIndex index, List<CellStatus> cells, string suffix, string keySuffix)
    {
        int expected = index.Seeds.Count;
        var average = new List<(string, IReadOnlyList<TableValue>)>();
        foreach (var dataset in index.Datasets)
        {
            var rows = index.Methods.Select(m =>
            {
                var own = cells.Where(c => c.Spec.MethodName == m && c.Spec.Dataset.Name == dataset).ToList();
                var done = own.Where(c => c.Result is { Base: not null, Novel: not null }).Select(c => c.Result!).ToList();
                var b = TableValue.Of(done.Select(r => r.Base!.Accuracy).ToList(), expected, Status(own));
                var n = TableValue.Of(done.Select(r => r.Novel!.Accuracy).ToList(), expected, Status(own));
                return (m, (IReadOnlyList<TableValue>)[b, n, Hm(b, n)]);
            }).ToList();
            yield return new SweepTable($"b2n-{dataset}{keySuffix}", $"Base-to-novel: {dataset}{suffix}", ["Base", "Novel", "HM"],
                [dataset, dataset, dataset], ["base", "novel", "hm"], rows);
        }
        foreach (var m in index.Methods)
        {
            // Per seed, the mean over datasets (complete only when every dataset has that seed); then mean ± std over seeds.
            var own = cells.Where(c => c.Spec.MethodName == m).ToList();
            var perSeed = index.Seeds.Select(s => own.Where(c => c.Spec.Seed == s).Select(c => c.Result).ToList())
                .Where(rs => rs.Count == index.Datasets.Count && rs.All(r => r is { Base: not null, Novel: not null }))
                .Select(rs => (B: rs.Average(r => r!.Base!.Accuracy), N: rs.Average(r => r!.Novel!.Accuracy))).ToList();
            var b = TableValue.Of(perSeed.Select(p => p.B).ToList(), expected, Status(own));
            var n = TableValue.Of(perSeed.Select(p => p.N).ToList(), expected, Status(own));
            average.Add((m, [b, n, Hm(b, n)]));
        }
        string all = "average";
        if (index.Datasets.Count > 1)
            yield return new SweepTable($"b2n-average{keySuffix}", $"Base-to-novel: average over {index.Datasets.Count} dataset(s){suffix}",
            ["Base", "Novel", "HM"], [all, all, all], ["base", "novel", "hm"], average);
        yield return Comparison($"methods{keySuffix}", $"Methods compared (base-to-novel average){suffix}", average, 2, "delta-hm", "Δ HM", cells, index);
    }

    private static IEnumerable<SweepTable> Transfer(SweepIndex index, List<CellStatus> cells, string suffix, string keySuffix)
    {
        int expected = index.Seeds.Count;
        string source = index.Datasets[0];
        string name = index.Protocol == SweepProtocols.Name(SweepProtocol.CrossDataset) ? "Cross-dataset" : "Domain generalization";
        var rows = index.Methods.Select(m =>
        {
            var own = cells.Where(c => c.Spec.MethodName == m).ToList();
            var done = own.Where(c => c.Result?.Source is not null).Select(c => c.Result!).ToList();
            string? status = Status(own);
            var values = new List<TableValue> { TableValue.Of(done.Select(r => r.Source!.Accuracy).ToList(), expected, status) };
            values.AddRange(index.Targets.Select(t => TableValue.Of(
                done.SelectMany(r => r.Targets.Where(x => x.Dataset == t)).Select(x => x.Accuracy).ToList(), expected, status)));
            values.Add(TableValue.Of(done.Where(r => r.Targets.Count > 0).Select(r => r.Targets.Average(x => x.Accuracy)).ToList(), expected, status));
            return (m, (IReadOnlyList<TableValue>)values);
        }).ToList();
        var columns = new List<string> { $"{source} (source)" };
        columns.AddRange(index.Targets);
        columns.Add("Average");
        var datasets = new List<string> { source };
        datasets.AddRange(index.Targets);
        datasets.Add("average");
        yield return new SweepTable($"{index.Protocol}{keySuffix}", $"{name}: {source} → {index.Targets.Count} target(s){suffix}", columns, datasets,
            Enumerable.Repeat("accuracy", columns.Count).ToList(), rows);
        var summary = rows.Select(r => (r.m, (IReadOnlyList<TableValue>)[r.Item2[0], r.Item2[^1]])).ToList();
        yield return Comparison($"methods{keySuffix}", $"Methods compared ({name.ToLowerInvariant()}){suffix}", summary, 1, "delta-accuracy", "Δ target average", cells, index,
            ["Source", "Target average"], [source, "average"], ["accuracy", "accuracy"]);
    }

    private static SweepTable Comparison(string key, string title, List<(string Method, IReadOnlyList<TableValue> Values)> rows, int deltaOf,
        string deltaMetric, string deltaHeading, IReadOnlyList<CellStatus> cells, SweepIndex index,
        IReadOnlyList<string>? columns = null, IReadOnlyList<string>? datasets = null, IReadOnlyList<string>? metrics = null)
    {
        columns ??= ["Base", "Novel", "HM"];
        datasets ??= ["average", "average", "average"];
        metrics ??= ["base", "novel", "hm"];
        var reference = rows[0].Values[deltaOf];
        var result = rows.Select(r =>
        {
            var values = r.Values.ToList();
            var own = r.Values[deltaOf];
            values.Add(TableValue.Derived(own.Mean is { } a && reference.Mean is { } b ? a - b : null, own, reference));
            int done = cells.Count(c => c.Spec.MethodName == r.Method && c.State == CellState.Done);
            int total = cells.Count(c => c.Spec.MethodName == r.Method);
            values.Add(new TableValue(done, null, done, total, null) { Text = $"{done}/{total}" });
            return (r.Method, (IReadOnlyList<TableValue>)values);
        }).ToList();
        return new SweepTable(key, title, [.. columns, $"{deltaHeading} vs {rows[0].Method}", "Cells done"],
            [.. datasets, "average", "all"], [.. metrics, deltaMetric, "cells-done"], result);
    }

    private static TableValue Hm(TableValue b, TableValue n) =>
        TableValue.Derived(b.Mean is { } x && n.Mean is { } y ? Metrics.HarmonicMean(x, y) : null, b, n);

    /// <summary>Why seeds are missing: failed before running before missing.</summary>
    private static string? Status(IReadOnlyList<CellStatus> cells) =>
        cells.Any(c => c.State == CellState.Failed) ? "failed"
        : cells.Any(c => c.State == CellState.Running) ? "running"
        : cells.Any(c => c.State == CellState.Missing) ? "missing"
        : null;
}
