using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace MaPLe.Benchmarks.Prompting;

/// <summary>Shows each method's learnable parameter count on ViT-B/16 beside its timings.</summary>
internal sealed class TrainableParametersColumn : IColumn
{
    public string Id => nameof(TrainableParametersColumn);
    public string ColumnName => "Trainable params";
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Params;
    public int PriorityInCategory => 1;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => "Learnable prompt parameters of the method on ViT-B/16";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) =>
        benchmarkCase.Parameters["PromptMethod"] is string method ? PromptMethodCatalog.ParameterCount(method).ToString("N0") : "?";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => true;
}
