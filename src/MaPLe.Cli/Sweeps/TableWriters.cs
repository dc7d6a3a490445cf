using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MaPLe.Cli.Sweeps;

/// <summary>Renders a sweep's tables and cell states as Markdown, CSV (one row per number) and JSON.</summary>
public static class TableWriters
{
    /// <summary>Markdown: a heading and a table per <see cref="SweepTable"/>, then the cells that are not done.</summary>
    public static string Markdown(SweepIndex index, IReadOnlyList<SweepTable> tables, IReadOnlyList<CellStatus> cells)
    {
        var s = new StringBuilder();
        int done = cells.Count(c => c.State == CellState.Done);
        s.Append(CultureInfo.InvariantCulture, $"# {index.Grid}: {index.Protocol}, {done}/{cells.Count} cells done\n\n");
        s.Append("Accuracy in %, mean ± sample standard deviation over seeds ").Append(string.Join(", ", index.Seeds))
         .Append("; HM of the mean base and novel accuracies. \"(k/n seeds; ...)\" marks an incomplete mean.\n");
        foreach (var table in tables)
        {
            s.Append("\n## ").Append(table.Title).Append("\n\n");
            var header = new List<string> { "Method" };
            header.AddRange(table.Columns);
            var rows = table.Rows.Select(r => new List<string> { r.Method }.Concat(r.Values.Select(v => v.ToString())).ToList()).ToList();
            var widths = header.Select((h, i) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length))).ToArray();
            s.Append(Line(header, widths)).Append('\n');
            s.Append('|').AppendJoin('|', widths.Select((w, i) => i == 0 ? new string('-', w + 2) : new string('-', w + 1) + ":")).Append("|\n");
            foreach (var row in rows) s.Append(Line(row, widths)).Append('\n');
        }
        var open = cells.Where(c => c.State != CellState.Done).ToList();
        if (open.Count > 0)
        {
            s.Append("\n## Cells not done\n\n| Cell | State | Detail |\n|---|---|---|\n");
            foreach (var c in open)
                s.Append(CultureInfo.InvariantCulture, $"| {c.Spec.Id} | {CellStatus.Name(c.State)} | {Detail(c).Replace("|", "\\|", StringComparison.Ordinal)} |\n");
        }
        return s.ToString();
    }

    /// <summary>CSV, one number per row: table, method, dataset, metric, mean, std, seeds, expected_seeds, status.</summary>
    public static string Csv(IReadOnlyList<SweepTable> tables, IReadOnlyList<CellStatus> cells)
    {
        var s = new StringBuilder("table,method,dataset,metric,mean,std,seeds,expected_seeds,status\n");
        foreach (var table in tables)
            foreach (var (method, values) in table.Rows)
                for (int i = 0; i < values.Count; i++)
                {
                    var v = values[i];
                    s.AppendJoin(',', Field(table.Key), Field(method), Field(table.Datasets[i]), Field(table.Metrics[i]), Number(v.Mean), Number(v.Std),
                        v.Seeds.ToString(CultureInfo.InvariantCulture), v.ExpectedSeeds.ToString(CultureInfo.InvariantCulture),
                        Field(v.Text is null ? v.Status ?? "done" : "done")).Append('\n');
                }
        foreach (var c in cells.Where(c => c.State != CellState.Done))
            s.AppendJoin(',', "cells", Field(c.Spec.MethodName), Field(c.Spec.Dataset.Name), Field(c.Spec.Id), "", "", "0", "1", Field(CellStatus.Name(c.State))).Append('\n');
        return s.ToString();
    }

    /// <summary>JSON: the tables (title, columns, rows of values with mean, std, seeds) and every cell's state.</summary>
    public static string Json(SweepIndex index, IReadOnlyList<SweepTable> tables, IReadOnlyList<CellStatus> cells)
    {
        var root = new JsonObject
        {
            ["grid"] = index.Grid, ["protocol"] = index.Protocol,
            ["seeds"] = new JsonArray(index.Seeds.Select(x => (JsonNode?)x).ToArray()),
            ["tables"] = new JsonArray(tables.Select(t => (JsonNode?)new JsonObject
            {
                ["key"] = t.Key, ["title"] = t.Title,
                ["columns"] = new JsonArray(t.Columns.Select((c, i) => (JsonNode?)new JsonObject { ["name"] = c, ["dataset"] = t.Datasets[i], ["metric"] = t.Metrics[i] }).ToArray()),
                ["rows"] = new JsonArray(t.Rows.Select(r => (JsonNode?)new JsonObject
                {
                    ["method"] = r.Method,
                    ["values"] = new JsonArray(r.Values.Select(v => (JsonNode?)new JsonObject
                    {
                        ["mean"] = v.Mean, ["std"] = v.Std, ["seeds"] = v.Seeds, ["expectedSeeds"] = v.ExpectedSeeds, ["status"] = v.Status, ["text"] = v.ToString(),
                    }).ToArray()),
                }).ToArray()),
            }).ToArray()),
            ["cells"] = new JsonArray(cells.Select(c => (JsonNode?)new JsonObject
            {
                ["id"] = c.Spec.Id, ["index"] = c.Spec.Index, ["state"] = CellStatus.Name(c.State), ["detail"] = c.State == CellState.Done ? null : Detail(c),
            }).ToArray()),
        };
        return root.ToJsonString(RunSpec.Json) + "\n";
    }

    private static string Detail(CellStatus c) => c.State switch
    {
        CellState.Failed => $"{c.Failure?.Error}: {c.Failure?.Message} ({c.Failure?.Host}, {c.Failure?.FailedUtc:u})",
        CellState.Running => "a worker holds its lock",
        _ => c.Failure is { } f ? $"last failure: {f.Message}" : "not run yet",
    };

    private static string Line(IReadOnlyList<string> cells, int[] widths) =>
        "| " + string.Join(" | ", cells.Select((c, i) => i == 0 ? c.PadRight(widths[i]) : c.PadLeft(widths[i]))) + " |";

    private static string Number(double? value) => value is { } v ? v.ToString("R", CultureInfo.InvariantCulture) : "";

    private static string Field(string value) => Sharding.PredictionsCsv.Field(value);
}
