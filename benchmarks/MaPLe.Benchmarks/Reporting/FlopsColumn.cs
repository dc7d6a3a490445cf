using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace MaPLe.Benchmarks.Reporting;

/// <summary>
/// "GFLOP/op" (operations of one benchmark operation, from <see cref="FlopsLedger"/>, divided by the method's
/// <c>OperationsPerInvoke</c>) and "GFLOP/s" (that divided by BenchmarkDotNet's measured mean of the case). "?" where the
/// case recorded no count or has no measurement.
/// </summary>
internal sealed class FlopsColumn : IColumn
{
    /// <summary>Column name of the per-operation count; <c>render-docs</c> reads the rate column by name.</summary>
    public const string PerOperationName = "GFLOP/op";

    /// <summary>Column name of the rate.</summary>
    public const string PerSecondName = "GFLOP/s";

    private readonly bool _perSecond;

    private FlopsColumn(bool perSecond) => _perSecond = perSecond;

    /// <summary>Both columns, for <c>AddColumn</c>.</summary>
    public static IColumn[] Both { get; } = [new FlopsColumn(perSecond: false), new FlopsColumn(perSecond: true)];

    public string Id => nameof(FlopsColumn) + (_perSecond ? ".PerSecond" : ".PerOperation");
    public string ColumnName => _perSecond ? PerSecondName : PerOperationName;
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => _perSecond ? 1 : 0;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => _perSecond
        ? "Matrix-product operations per second: GFLOP/op divided by the mean time of one operation"
        : "10^9 floating-point operations of the matrix products per operation (one multiply-add = 2), counted once per case";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase)
    {
        if (FlopsLedger.Find(benchmarkCase) is not { } flopsPerInvocation) return "?";
        double perOperation = flopsPerInvocation / benchmarkCase.Descriptor.OperationsPerInvoke;
        if (!_perSecond) return (perOperation / 1e9).ToString("F3", CultureInfo.InvariantCulture);
        // The mean is in nanoseconds per operation, so operations per nanosecond are 10^9 operations per second.
        var meanNs = summary[benchmarkCase]?.ResultStatistics?.Mean;
        return meanNs is > 0 ? (perOperation / meanNs.Value).ToString("F1", CultureInfo.InvariantCulture) : "?";
    }

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    // Shown where some case recorded a count (e.g. not for the text-encoder benchmarks that share the prompt config).
    public bool IsAvailable(Summary summary) => summary.BenchmarksCases.Any(c => FlopsLedger.Find(c) is not null);
}
