using MaPLe.Tuning;

namespace MaPLe.Tests.Architecture;

/// <summary>
/// The core library's top-level namespaces form layers: each may use the ones below it, never one above, so that e.g.
/// the trainer and evaluator work on a prompt learner without the <c>PromptTuner</c> facade.
/// </summary>
public sealed class NamespaceLayeringTests
{
    private static readonly Dictionary<(string From, string To), string> Edges =
        NamespaceDependencies.Edges(typeof(PromptTuner).Assembly, "MaPLe");

    [Fact]
    public void Top_level_namespaces_form_no_cycle()
    {
        var graph = Edges.Keys.GroupBy(e => e.From).ToDictionary(g => g.Key, g => g.Select(e => e.To).ToList());
        var cycles = new List<string>();
        var state = new Dictionary<string, int>();   // 1 = on the current path, 2 = done
        var path = new List<string>();
        void Visit(string node)
        {
            state[node] = 1;
            path.Add(node);
            foreach (var next in graph.GetValueOrDefault(node, []))
            {
                if (state.GetValueOrDefault(next) == 1)
                {
                    var cycle = path.Skip(path.IndexOf(next)).Append(next).ToList();
                    var links = cycle.Zip(cycle.Skip(1), (a, b) => $"  {a} -> {b}: {Edges[(a, b)]}");
                    cycles.Add(string.Join(" -> ", cycle) + "\n" + string.Join("\n", links));
                }
                else if (state.GetValueOrDefault(next) == 0)
                {
                    Visit(next);
                }
            }
            path.RemoveAt(path.Count - 1);
            state[node] = 2;
        }
        foreach (var node in graph.Keys.Order(StringComparer.Ordinal))
            if (state.GetValueOrDefault(node) == 0)
                Visit(node);
        Assert.True(cycles.Count == 0, "Namespace cycles:\n" + string.Join("\n", cycles));
    }

    [Theory]
    [InlineData("Training", "Tuning")]
    [InlineData("Evaluation", "Tuning")]
    [InlineData("Prompting", "Training")]
    [InlineData("Prompting", "Evaluation")]
    [InlineData("Clip", "Prompting")]
    public void Lower_layer_does_not_use_higher(string lower, string higher) =>
        Assert.False(Edges.TryGetValue((lower, higher), out var example), $"{lower} must not use {higher}; found: {example}");

    [Fact]
    public void Dependency_reader_sees_uses_inside_method_bodies()
    {
        // PromptTuner calls into Training only from method bodies (FitAsync builds the trainer there).
        Assert.True(Edges.ContainsKey(("Tuning", "Training")));
    }
}
