using System.Globalization;
using MaPLe.Evaluation;
using Spectre.Console;

namespace MaPLe.Cli.Commands;

/// <summary>
/// Prints an evaluation: the summary, per-class accuracy and the confusion matrix — tables on a terminal, plain
/// <c>class: accuracy</c> lines and a tab-separated matrix when the output is redirected (for scripts and logs).
/// </summary>
public static class EvaluationPrinter
{
    /// <summary>Above this many classes the confusion matrix goes only to the report file.</summary>
    public const int MaxPrintedConfusionClasses = 30;

    /// <summary>Prints <paramref name="report"/> to the context's output.</summary>
    public static void Print(CliContext context, EvaluationReport report, string heading, bool reportWritten)
    {
        var o = context.Out;
        var m = report.Confusion;
        var perClass = m.PerClassAccuracy;
        o.WriteLine(heading);
        o.WriteLine(Invariant($"* accuracy: {report.Accuracy:F2}%"));
        o.WriteLine(Invariant($"* macro_f1: {report.MacroF1:F2}%"));
        bool printMatrix = m.ClassCount <= MaxPrintedConfusionClasses;
        if (context.Interactive)
        {
            var table = new Table().Title("per-class accuracy").AddColumn("class").AddColumn(new TableColumn("accuracy").RightAligned())
                .AddColumn(new TableColumn("correct / images").RightAligned());
            for (int i = 0; i < m.ClassCount; i++)
                table.AddRow(Markup.Escape(report.ClassNames[i]), Percent(perClass[i]), Invariant($"{m[i, i]} / {m.Support[i]}"));
            AnsiConsole.Write(table);
            if (printMatrix)
            {
                var matrix = new Table().Title("confusion matrix (rows: true class, columns: predicted)").AddColumn("true \\ predicted");
                for (int j = 0; j < m.ClassCount; j++) matrix.AddColumn(new TableColumn(j.ToString(CultureInfo.InvariantCulture)).RightAligned());
                for (int i = 0; i < m.ClassCount; i++)
                    matrix.AddRow([Markup.Escape($"{i} {report.ClassNames[i]}"), .. Enumerable.Range(0, m.ClassCount)
                        .Select(j => i == j ? $"[green]{m[i, j]}[/]" : m[i, j] == 0 ? "[grey]0[/]" : $"[red]{m[i, j]}[/]")]);
                AnsiConsole.Write(matrix);
            }
        }
        else
        {
            o.WriteLine("per-class accuracy:");
            for (int i = 0; i < m.ClassCount; i++)
                o.WriteLine($"{report.ClassNames[i]}: {Percent(perClass[i])}");
            if (printMatrix)
            {
                o.WriteLine("confusion matrix (rows: true class, columns: predicted, in the order above):");
                for (int i = 0; i < m.ClassCount; i++)
                    o.WriteLine(string.Join('\t', Enumerable.Range(0, m.ClassCount).Select(j => m[i, j].ToString(CultureInfo.InvariantCulture))));
            }
        }
        if (!printMatrix)
            o.WriteLine(reportWritten
                ? $"confusion matrix: {m.ClassCount} classes, in the report file"
                : $"confusion matrix: {m.ClassCount} classes, too many to print; write it with --report eval.json or eval.csv");
    }

    private static string Percent(double value) => double.IsFinite(value) ? Invariant($"{value:F2}%") : "no images";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
