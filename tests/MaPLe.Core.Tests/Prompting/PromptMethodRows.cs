using MaPLe.Prompting;
using MaPLe.Tuning;

namespace MaPLe.Tests.Prompting;

/// <summary>
/// The rows of the conformance matrix: every registered method's conformance cases (its defaults, its variants and the
/// configurations its descriptor names), read from <see cref="PromptMethods"/>. A new method gets the whole shared suite
/// by registering its descriptor — see <c>PluginMethod/</c>.
/// </summary>
public static class PromptMethodRows
{
    private static IReadOnlyDictionary<string, (PromptMethodDescriptor Method, PromptMethodOptions Options)> Rows =>
        PromptMethods.All.SelectMany(d => d.ConformanceCases().Select(c => (c.Key, d, c.Value)))
            .ToDictionary(r => r.Key, r => (r.d, r.Value));

    /// <summary>The options of row <paramref name="row"/>.</summary>
    public static PromptMethodOptions Options(string row) => Rows[row].Options;

    /// <summary>All row names.</summary>
    public static TheoryData<string> All() => Data(Rows.Keys);

    /// <summary>One row per method (the row named after the method id): for the costlier checks.</summary>
    public static TheoryData<string> OnePerMethod() => Data(PromptMethods.All.Select(d => d.Id));

    /// <summary>Rows whose method learns something.</summary>
    public static TheoryData<string> Learned() => Data(Rows.Where(r => r.Value.Method.CanTrain).Select(r => r.Key));

    private static TheoryData<string> Data(IEnumerable<string> rows)
    {
        var data = new TheoryData<string>();
        foreach (var row in rows) data.Add(row);
        return data;
    }
}
