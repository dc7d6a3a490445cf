namespace MaPLe.ToyWorld;

/// <summary>What a <see cref="ToyWorldDataset"/> contains.</summary>
public sealed record ToyWorldDatasetOptions
{
    /// <summary>The classes, in label order (label i is <c>Classes[i]</c>); e.g. <see cref="ToyClassSplit.AllClasses"/>.</summary>
    public required IReadOnlyList<ToyColorShape> Classes { get; init; }

    /// <summary>World seed: the same seed gives the same images.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Training images per class (default 16, the largest CoOp few-shot setting).</summary>
    public int TrainPerClass { get; init; } = 16;

    /// <summary>Validation images per class (default 4).</summary>
    public int ValPerClass { get; init; } = 4;

    /// <summary>Test images per class (default 50).</summary>
    public int TestPerClass { get; init; } = 50;

    /// <summary>Rendering and sampling options; their Colors and Shapes are ignored (the classes decide).</summary>
    public ToyWorldOptions World { get; init; } = new();

    /// <summary>Dataset name reported by <see cref="ToyWorldDataset.Name"/>.</summary>
    public string Name { get; init; } = "ToyWorld";

    /// <summary>Checks every option and throws one exception listing every problem.</summary>
    /// <exception cref="ArgumentException">Some option is invalid; the message names each one and how to fix it.</exception>
    public ToyWorldDatasetOptions Validate()
    {
        var problems = new List<string>();
        if (Classes is null || Classes.Count == 0)
            problems.Add("Classes is empty, give at least one colour × shape class (e.g. ToyWorldSplits.CreateDefault(seed).AllClasses)");
        else if (Classes.Distinct().Count() != Classes.Count)
            problems.Add("Classes lists a class twice: " + string.Join(", ", Classes.GroupBy(c => c).Where(g => g.Count() > 1).Select(g => g.Key)));
        Count(nameof(TrainPerClass), TrainPerClass, problems);
        Count(nameof(ValPerClass), ValPerClass, problems);
        Count(nameof(TestPerClass), TestPerClass, problems);
        if (string.IsNullOrWhiteSpace(Name))
            problems.Add("Name is empty");
        if (World is null)
            problems.Add("World is null");
        else
        {
            try { World.Validate(); }
            catch (ArgumentException e) { problems.Add("World: " + e.Message); }
        }

        if (problems.Count > 0)
            throw new ArgumentException($"Invalid {nameof(ToyWorldDatasetOptions)}: {string.Join("; ", problems)}.");
        return this;
    }

    private static void Count(string name, int value, List<string> problems)
    {
        if (value is < 0 or > 100_000)
            problems.Add($"{name} is {value}, must be between 0 and 100000");
    }
}
